package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.Attachment;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads chat messages from the JSON shapes producers use: semantic-convention messages with typed
 * {@code parts}, OpenAI-style {@code {role, content, tool_calls}}, AI SDK content arrays, and
 * {@code gen_ai.choice} bodies {@code {message, finish_reason}}. Text parts become the text;
 * reasoning parts are kept apart; blob, uri and file parts are recorded as attachments without
 * their bytes; redaction placeholders are dropped and remembered. Not thread-safe.
 */
final class MessageReader {

  private final List<ChatMessage> messages = new ArrayList<>();
  private final List<String> finishReasons = new ArrayList<>();
  private boolean redacted;

  /** Messages read so far, in order. */
  List<ChatMessage> messages() {
    return messages;
  }

  /** Raw finish reasons found inside the messages, in order. */
  List<String> finishReasons() {
    return finishReasons;
  }

  /** True when a placeholder stood in for content. */
  boolean redacted() {
    return redacted;
  }

  /** Reads an array of messages, or a single message object. */
  MessageReader readAll(JsonNode node, String defaultRole) {
    if (node == null) {
      return this;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        read(element, defaultRole);
      }
    } else {
      read(node, defaultRole);
    }
    return this;
  }

  /** Reads one message; a bare string becomes a message of {@code defaultRole}. */
  void read(JsonNode node, String defaultRole) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isTextual()) {
      Builder message = new Builder(defaultRole);
      appendText(message.text, node);
      messages.add(message.build());
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode inner = node.get("message");
    if (inner != null && inner.isObject() && !node.has("role")) {
      // gen_ai.choice body: {index, finish_reason, message: {...}}
      addFinishReason(node.get("finish_reason"));
      read(inner, defaultRole);
      return;
    }
    Builder message = new Builder(GenAiNormalizer.role(textOf(node.get("role"), defaultRole)));
    addFinishReason(node.get("finish_reason"));
    JsonNode parts = node.get("parts");
    if (parts != null && parts.isArray()) {
      for (JsonNode part : parts) {
        readPart(part, message);
      }
    } else {
      readOpenAiStyle(node, message);
    }
    messages.add(message.build());
  }

  private void readPart(JsonNode part, Builder message) {
    if (part.isTextual()) {
      appendText(message.text, part);
      return;
    }
    String type = textOf(part.get("type"), "text");
    switch (type) {
      case "text", "refusal", "input_text", "output_text" ->
          appendText(message.text, part.get("content"));
      case "reasoning", "thinking" -> appendText(message.reasoning, part.get("content"));
      case "tool_call" ->
          message.calls.add(toolCall(part.get("id"), part.get("name"), part.get("arguments")));
      case "tool_call_response" -> {
        message.toolCallId = textOf(part.get("id"), message.toolCallId);
        appendText(message.text, part.has("response") ? part.get("response") : part.get("result"));
      }
      case "blob" -> message.attachments.add(attachment("blob", part, null));
      case "uri" -> message.attachments.add(attachment("uri", part, part.get("uri")));
      case "file" -> message.attachments.add(attachment("file", part, part.get("file_id")));
      default -> {
        // Server tool calls and custom parts carry no answer text.
      }
    }
  }

  private void readOpenAiStyle(JsonNode node, Builder message) {
    message.toolCallId = textOf(node.get("tool_call_id"), null);
    if (message.toolCallId == null && message.role.equals("tool")) {
      // gen_ai.tool.message bodies name the answered call "id".
      message.toolCallId = textOf(node.get("id"), null);
    }
    JsonNode content = node.get("content");
    if (content != null && content.isArray()) {
      for (JsonNode item : content) {
        readContentItem(item, message);
      }
    } else {
      appendText(message.text, content);
    }
    addToolCalls(node.get("tool_calls"), message);
  }

  /** Adds the calls of an OpenAI-style {@code tool_calls} value, when it is an array. */
  static void addToolCalls(JsonNode toolCalls, Builder message) {
    if (toolCalls != null && toolCalls.isArray()) {
      for (JsonNode call : toolCalls) {
        JsonNode function = call.has("function") ? call.get("function") : call;
        message.calls.add(
            toolCall(call.get("id"), function.get("name"), function.get("arguments")));
      }
    }
  }

  private void readContentItem(JsonNode item, Builder message) {
    if (item.isTextual()) {
      appendText(message.text, item);
      return;
    }
    String type = textOf(item.get("type"), "text");
    switch (type) {
      case "text", "input_text", "output_text", "refusal" ->
          appendText(message.text, item.has("text") ? item.get("text") : item.get("content"));
      case "reasoning", "thinking" ->
          appendText(message.reasoning, item.has("text") ? item.get("text") : item.get("content"));
      case "tool-call", "tool_use" ->
          message.calls.add(
              toolCall(
                  firstPresent(item, "toolCallId", "id"),
                  firstPresent(item, "toolName", "name"),
                  firstPresent(item, "input", "args")));
      case "tool-result", "tool_result" -> {
        message.toolCallId =
            textOf(firstPresent(item, "toolCallId", "tool_use_id"), message.toolCallId);
        JsonNode output = firstPresent(item, "output", "result", "content");
        if (output != null && output.isObject() && output.has("value")) {
          output = output.get("value");
        }
        appendText(message.text, output);
      }
      case "image_url", "input_image", "image" -> {
        JsonNode url = item.get("image_url");
        url =
            url != null && url.isObject()
                ? url.get("url")
                : firstPresent(item, "image_url", "image");
        message.attachments.add(new Attachment("uri", "image", null, reference(url)));
      }
      case "file", "input_file", "input_audio" -> {
        JsonNode data = firstPresent(item, "data", "file_id", "url");
        message.attachments.add(
            new Attachment(
                "file",
                type.equals("input_audio") ? "audio" : null,
                textOf(firstPresent(item, "mediaType", "mimeType"), null),
                reference(data)));
      }
      default -> {
        // Other media and custom items are not text.
      }
    }
  }

  private Attachment attachment(String kind, JsonNode part, JsonNode reference) {
    return new Attachment(
        kind,
        textOf(part.get("modality"), null),
        textOf(part.get("mime_type"), null),
        reference(reference));
  }

  // Inline data (data: URLs, base64) is never kept as a reference.
  private static String reference(JsonNode value) {
    String text = textOf(value, null);
    if (text == null || text.startsWith("data:") || text.length() > 2048) {
      return null;
    }
    return text;
  }

  /** Appends a value rendered as text: strings as they are, structures as compact JSON. */
  void appendText(TextParts text, JsonNode value) {
    appendText(text, LenientJson.render(value));
  }

  /** Appends a text value read as a string; a placeholder marks the content redacted instead. */
  void appendText(TextParts text, String value) {
    String rendered = Texts.wellFormed(value);
    if (rendered == null || rendered.isEmpty()) {
      return;
    }
    if (ContentMarkers.isPlaceholder(rendered)) {
      redacted = true;
      return;
    }
    text.add(rendered);
  }

  private void addFinishReason(JsonNode reason) {
    addFinishReason(textOf(reason, null));
  }

  /** Adds a raw finish reason; null and empty are ignored. */
  void addFinishReason(String reason) {
    if (reason != null && !reason.isEmpty()) {
      finishReasons.add(reason);
    }
  }

  /** Adds the messages, finish reasons and redaction of {@code other}, read separately. */
  void addAll(MessageReader other) {
    messages.addAll(other.messages);
    finishReasons.addAll(other.finishReasons);
    redacted |= other.redacted;
  }

  /** Adds a message whose parts were read elsewhere. */
  void add(Builder message) {
    messages.add(message.build());
  }

  /** Returns the call with scalar {@code id} and {@code name} and rendered arguments. */
  static ToolCall toolCall(JsonNode id, JsonNode name, JsonNode arguments) {
    return new ToolCall(textOf(id, null), textOf(name, null), LenientJson.render(arguments));
  }

  private static JsonNode firstPresent(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull()) {
        return value;
      }
    }
    return null;
  }

  /** Returns the scalar text of {@code node}, or {@code fallback} when absent, empty or a tree. */
  static String textOf(JsonNode node, String fallback) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return fallback;
    }
    String text = node.asText();
    return text.isEmpty() ? fallback : text;
  }

  /** The parts of one message while it is being read. */
  static final class Builder {
    // Set late by streamed reading, where the role may follow the parts.
    String role;
    final TextParts text = new TextParts();
    final TextParts reasoning = new TextParts();
    final List<ToolCall> calls = new ArrayList<>();
    final List<Attachment> attachments = new ArrayList<>();
    String toolCallId;

    Builder(String role) {
      this.role = role;
    }

    ChatMessage build() {
      return new ChatMessage(role, text.text(), calls, toolCallId, reasoning.text(), attachments);
    }
  }
}
