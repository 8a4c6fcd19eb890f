package dev.argus.server.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Converts the hex trace and span ids of one OTLP/JSON span or log record to the base64 that
 * protobuf's JSON parser expects, in place. The receiver and {@code argus replay} both read
 * OTLP/JSON through it, so a bad id is worded the same by both.
 *
 * <p>Only the id members OTLP defines on the item are read, under their JSON or proto name: its
 * own, its parent's and those of its links for a span. The caller hands over only items, never what
 * an unknown field holds: the parser skips unknown fields, so nothing in them may fail the item (a
 * vendor extension holding {@code "spanId": "n/a"}, say). A null id is left alone: it reads as an
 * absent one. Thread-safe.
 */
public final class JsonIds {
  private static final HexFormat HEX = HexFormat.of();
  private static final int NO_LINK = -1;

  private JsonIds() {}

  /**
   * Converts the hex ids of {@code span} to base64 in place: trace, span and parent span id, and
   * the trace and span id of each link.
   *
   * @throws IllegalArgumentException naming the id field, e.g. {@code links[0].traceId is not hex
   *     (expected: 32 hex digits)}, when an id is not a string or not hex
   */
  public static void spanIdsToBase64(ObjectNode span) {
    idToBase64(span, "traceId", "trace_id", NO_LINK);
    idToBase64(span, "spanId", "span_id", NO_LINK);
    idToBase64(span, "parentSpanId", "parent_span_id", NO_LINK);
    // A links value of the wrong type is left to the parser, which refuses it.
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
   * @throws IllegalArgumentException naming the id field, e.g. {@code traceId is not hex (expected:
   *     32 hex digits)}, when an id is not a string or not hex
   */
  public static void logRecordIdsToBase64(ObjectNode record) {
    idToBase64(record, "traceId", "trace_id", NO_LINK);
    idToBase64(record, "spanId", "span_id", NO_LINK);
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
