package dev.argus.server.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.argus.server.otlp.JsonProblems;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Prepares an OTLP/JSON subtree for protobuf's JSON parser: converts hex trace and span ids to
 * the base64 that parser expects, and replaces lone UTF-16 surrogates (from escapes such as
 * {@code "\ud83d"} cut off a pair) by U+FFFD, since protobuf would otherwise encode them as
 * {@code '?'}. Linear in the size of the subtree.
 *
 * <p>Ids are converted only where OTLP defines them: on a span (its own, its parent's and those of
 * its links) and on a log record. The same member names inside an unknown field are not ids: the
 * parser skips unknown fields, so nothing they hold may fail the request or the span (a vendor
 * extension holding {@code "spanId": "n/a"}, say).
 */
final class JsonStrings {
  private static final HexFormat HEX = HexFormat.of();
  private static final int NO_LINK = -1;

  private JsonStrings() {}

  /**
   * Replaces lone surrogates in every string of {@code node}, in place.
   *
   * @return the number of repaired strings
   */
  static int repair(JsonNode node) {
    int repaired = 0;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual()) {
          String text = repairSurrogates(value.textValue());
          if (text != value.textValue()) {
            field.setValue(TextNode.valueOf(text));
            repaired++;
          }
        } else {
          repaired += repair(value);
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
          repaired += repair(element);
        }
      }
    }
    return repaired;
  }

  /**
   * Converts the hex ids of {@code span} to base64 in place: trace, span and parent span id, and
   * the trace and span id of each link.
   *
   * @throws IllegalArgumentException naming the id field when an id is not hex
   */
  static void spanIdsToBase64(ObjectNode span) {
    idToBase64(span, "traceId", "trace_id", NO_LINK);
    idToBase64(span, "spanId", "span_id", NO_LINK);
    idToBase64(span, "parentSpanId", "parent_span_id", NO_LINK);
    // A links value of the wrong type is left to the parser, which rejects the span for it.
    if (span.get("links") instanceof ArrayNode links) {
      for (int i = 0; i < links.size(); i++) {
        if (links.get(i) instanceof ObjectNode link) {
          idToBase64(link, "traceId", "trace_id", i);
          idToBase64(link, "spanId", "span_id", i);
        }
      }
    }
  }

  /**
   * Converts the hex trace and span id of the log record {@code record} to base64 in place.
   *
   * @throws IllegalArgumentException naming the id field when an id is not hex
   */
  static void logRecordIdsToBase64(ObjectNode record) {
    idToBase64(record, "traceId", "trace_id", NO_LINK);
    idToBase64(record, "spanId", "span_id", NO_LINK);
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

  // protobuf's parser accepts the JSON name and the proto name of a field, so both are ids.
  private static void idToBase64(ObjectNode message, String jsonName, String protoName, int link) {
    idToBase64(message, jsonName, link);
    idToBase64(message, protoName, link);
  }

  private static void idToBase64(ObjectNode message, String field, int link) {
    JsonNode value = message.get(field);
    // A null id is an absent one, which the id checks report by its length.
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      // protobuf's parser would read a number as base64 text and report a misleading length.
      throw new IllegalArgumentException(
          position(field, link)
              + " is "
              + JsonProblems.kind(value)
              + ", not a string (expected: "
              + digits(field)
              + " hex digits)");
    }
    try {
      message.put(field, Base64.getEncoder().encodeToString(HEX.parseHex(value.textValue())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          position(field, link) + " is not hex (expected: " + digits(field) + " hex digits)", e);
    }
  }

  private static String position(String field, int link) {
    return (link == NO_LINK ? "" : "links[" + link + "].") + field;
  }

  // Trace ids are 16 bytes, span ids (own, parent and linked) 8.
  private static int digits(String field) {
    return field.startsWith("trace") ? 32 : 16;
  }
}
