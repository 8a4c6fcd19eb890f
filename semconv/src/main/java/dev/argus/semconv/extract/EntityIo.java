package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.model.ContentFlag;

/**
 * Reads a generic input/output pair (OpenLLMetry {@code traceloop.entity.input/output},
 * OpenInference {@code input.value/output.value}): plain text, a JSON request or response body of a
 * chat API, or a function's {@code {args, kwargs}}. A value cut mid-JSON marks the content
 * truncated and is not used.
 */
final class EntityIo {
  private EntityIo() {}

  static CallContent read(AttributeMap attributes, String inputKey, String outputKey) {
    CallContent content = new CallContent();
    MessageReader input = new MessageReader();
    MessageReader output = new MessageReader();
    readInput(attributes.json(inputKey), input, content);
    readOutput(attributes.json(outputKey), output, content);
    content.inputFrom(input).outputFrom(output);
    return content;
  }

  private static void readInput(
      AttributeMap.JsonValue value, MessageReader reader, CallContent content) {
    JsonNode node = usable(value, content, ContentFlag.INPUT_TRUNCATED);
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      if (node.has("instructions")) {
        reader.read(node.get("instructions"), "system");
      }
      if (node.has("messages")) {
        reader.readAll(node.get("messages"), "user");
        return;
      }
      if (node.has("input")) {
        reader.readAll(node.get("input"), "user");
        return;
      }
      JsonNode args = node.get("args");
      if (args != null && args.isArray() && args.size() > 0) {
        JsonNode first = args.get(0);
        if (first.isArray()) {
          reader.readAll(first, "user");
        } else {
          reader.read(LenientJson.NODES.textNode(LenientJson.render(first)), "user");
        }
        return;
      }
    }
    reader.read(node.isTextual() ? node : LenientJson.NODES.textNode(node.toString()), "user");
  }

  private static void readOutput(
      AttributeMap.JsonValue value, MessageReader reader, CallContent content) {
    JsonNode node = usable(value, content, ContentFlag.OUTPUT_TRUNCATED);
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode choices = node.get("choices");
      if (choices != null && choices.isArray()) {
        reader.readAll(choices, "assistant");
        return;
      }
      JsonNode output = node.get("output");
      if (output != null && output.isArray()) {
        // Responses API: output items of type "message" hold output_text parts.
        for (JsonNode item : output) {
          if (item.has("content")) {
            reader.read(item, "assistant");
          }
        }
        return;
      }
    }
    reader.read(node.isTextual() ? node : LenientJson.NODES.textNode(node.toString()), "assistant");
  }

  /** Returns the value as JSON, its text as a text node, or null when absent or cut. */
  private static JsonNode usable(
      AttributeMap.JsonValue value, CallContent content, ContentFlag truncated) {
    if (value.truncated()) {
      content.flag(truncated);
      return null;
    }
    if (value.node() != null) {
      return value.node();
    }
    if (value.text() == null || value.text().isEmpty() || LenientJson.looksLikeJson(value.text())) {
      return null;
    }
    return LenientJson.NODES.textNode(value.text());
  }
}
