package dev.argus.server.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Prepares an OTLP/JSON subtree for protobuf's JSON parser: converts hex trace and span ids to
 * the base64 that parser expects, and replaces lone UTF-16 surrogates (from escapes such as
 * {@code "\ud83d"} cut off a pair) by U+FFFD, since protobuf would otherwise encode them as
 * {@code '?'}. One pass, linear in the size of the subtree.
 */
final class JsonStrings {
  // The only bytes fields of OTLP that are ids; AnyValue.bytesValue stays base64 per the spec.
  private static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
  private static final HexFormat HEX = HexFormat.of();

  private JsonStrings() {}

  /**
   * Converts ids and repairs strings in {@code node} in place.
   *
   * @return the number of repaired strings
   * @throws IllegalArgumentException naming the id field when an id is not hex
   */
  static int prepare(JsonNode node) {
    int repaired = 0;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual()) {
          String text = value.textValue();
          String repairedText = repairSurrogates(text);
          if (repairedText != text) {
            repaired++;
          }
          if (ID_FIELDS.contains(field.getKey())) {
            repairedText = hexToBase64(field.getKey(), repairedText);
          }
          if (repairedText != text) {
            field.setValue(TextNode.valueOf(repairedText));
          }
        } else {
          repaired += prepare(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (element.isTextual()) {
          String text = repairSurrogates(element.textValue());
          if (text != element.textValue()) {
            array.set(i, TextNode.valueOf(text));
            repaired++;
          }
        } else {
          repaired += prepare(element);
        }
      }
    }
    return repaired;
  }

  /** Returns {@code text} with unpaired surrogates replaced, or {@code text} itself if none. */
  static String repairSurrogates(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        i++;
        continue;
      }
      if (chars == null) {
        chars = text.toCharArray();
      }
      chars[i] = '\uFFFD';
    }
    return chars == null ? text : new String(chars);
  }

  private static String hexToBase64(String field, String hex) {
    try {
      return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      // Trace ids are 16 bytes, span ids (own and parent) 8.
      int digits = field.startsWith("trace") ? 32 : 16;
      throw new IllegalArgumentException(
          field + " is not hex (expected: " + digits + " hex digits)", e);
    }
  }
}
