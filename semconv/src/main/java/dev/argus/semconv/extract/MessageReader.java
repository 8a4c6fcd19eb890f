package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads chat messages from the JSON shapes producers use: semantic-convention messages with
 * typed {@code parts}, OpenAI-style {@code {role, content, tool_calls}}, AI SDK content arrays,
 * and {@code gen_ai.choice} bodies {@code {message, finish_reason}}. Non-text parts (blob, uri,
 * file, reasoning) are skipped for text; redaction placeholders are dropped and counted.
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
      add(defaultRole, text(node.asText()), List.of(), null);
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
    String role = GenAiNormalizer.role(textOf(node.get("role"), defaultRole));
    addFinishReason(node.get("finish_reason"));
    JsonNode parts = node.get("parts");
    if (parts != null && parts.isArray()) {
      readParts(role, parts);
      return;
    }
    readOpenAiStyle(role, node);
  }

  private void readParts(String role, JsonNode parts) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    String toolCallId = null;
    for (JsonNode part : parts) {
      String type = textOf(part.get("type"), "text");
      switch (type) {
        case "text", "refusal", "input_text", "output_text" -> appendText(text, part.get("content"));
        case "tool_call" -> calls.add(toolCall(part.get("id"), part.get("name"), part.get("arguments")));
        case "tool_call_response" -> {
          toolCallId = textOf(part.get("id"), toolCallId);
          JsonNode response = part.has("response") ? part.get("response") : part.get("result");
          appendText(text, response);
        }
        default -> {
          // blob, uri, file, reasoning, server tool calls and custom parts carry no answer text.
        }
      }
    }
    add(role, text.toString(), calls, toolCallId);
  }

  private void readOpenAiStyle(String role, JsonNode node) {
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    String toolCallId = textOf(node.get("tool_call_id"), null);
    JsonNode content = node.get("content");
    if (content != null && content.isArray()) {
      for (JsonNode item : content) {
        toolCallId = readContentItem(item, text, calls, toolCallId);
      }
    } else {
      appendText(text, content);
    }
    JsonNode toolCalls = node.get("tool_calls");
    if (toolCalls != null && toolCalls.isArray()) {
      for (JsonNode call : toolCalls) {
        JsonNode function = call.has("function") ? call.get("function") : call;
        calls.add(toolCall(call.get("id"), function.get("name"), function.get("arguments")));
      }
    }
    add(role, text.toString(), calls, toolCallId);
  }

  private String readContentItem(
      JsonNode item, StringBuilder text, List<ToolCall> calls, String toolCallId) {
    if (item.isTextual()) {
      appendText(text, item);
      return toolCallId;
    }
    String type = textOf(item.get("type"), "text");
    switch (type) {
      case "text", "input_text", "output_text", "refusal" -> appendText(
          text, item.has("text") ? item.get("text") : item.get("content"));
      case "tool-call", "tool_use" -> calls.add(
          toolCall(
              firstPresent(item, "toolCallId", "id"),
              firstPresent(item, "toolName", "name"),
              firstPresent(item, "input", "args")));
      case "tool-result", "tool_result" -> {
        toolCallId = textOf(firstPresent(item, "toolCallId", "tool_use_id"), toolCallId);
        JsonNode output = firstPresent(item, "output", "result", "content");
        if (output != null && output.isObject() && output.has("value")) {
          output = output.get("value");
        }
        appendText(text, output);
      }
      default -> {
        // images, files and other media are not text.
      }
    }
    return toolCallId;
  }

  private void add(String role, String text, List<ToolCall> calls, String toolCallId) {
    messages.add(new ChatMessage(role, text, calls, toolCallId));
  }

  private void appendText(StringBuilder text, JsonNode value) {
    String rendered = LenientJson.render(value);
    if (rendered == null || rendered.isEmpty()) {
      return;
    }
    rendered = text(rendered);
    if (rendered.isEmpty()) {
      return;
    }
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append(rendered);
  }

  private String text(String raw) {
    if (ContentMarkers.isPlaceholder(raw)) {
      redacted = true;
      return "";
    }
    return raw;
  }

  private void addFinishReason(JsonNode reason) {
    String text = textOf(reason, null);
    if (text != null) {
      finishReasons.add(text);
    }
  }

  private static ToolCall toolCall(JsonNode id, JsonNode name, JsonNode arguments) {
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

  static String textOf(JsonNode node, String fallback) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return fallback;
    }
    String text = node.asText();
    return text.isEmpty() ? fallback : text;
  }
}
