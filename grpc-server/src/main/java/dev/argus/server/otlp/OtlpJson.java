package dev.argus.server.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the OTLP/JSON encoding of OTLP messages.
 *
 * <p>OTLP/JSON is the protobuf JSON mapping with two deviations that protobuf's {@link JsonFormat}
 * does not know: trace and span ids are hex strings rather than base64, and enum values are
 * integers. This codec converts the id fields explicitly on the way in and out, prints enums as
 * integers, and on input accepts enums as integers or names and 64-bit integers as strings or
 * numbers. Unknown fields are ignored on input, as the specification asks of receivers.
 * Thread-safe.
 */
public final class OtlpJson {
  // The only bytes fields of OTLP that are ids; AnyValue.bytesValue stays base64 per the spec.
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private OtlpJson() {}

  /** Returns {@code message} as one line of OTLP/JSON. */
  public static String print(Message message) {
    try {
      JsonNode tree = MAPPER.readTree(PRINTER.print(message));
      idsToHex(tree);
      return MAPPER.writeValueAsString(tree);
    } catch (IOException e) {
      // Printing a valid message cannot produce unreadable JSON.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Merges the OTLP/JSON document {@code json} into {@code builder}.
   *
   * @throws IllegalArgumentException when {@code json} is not valid OTLP/JSON, with the reason
   */
  public static void merge(String json, Message.Builder builder) {
    try {
      // Numbers stay as written, so protobuf judges them as the receiver does: 1e999 is refused
      // as out of range instead of being read as infinity.
      JsonNode tree = VerbatimNumbersJson.read(json);
      if (tree == null || !tree.isObject()) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      requestIdsToBase64(tree);
      PARSER.merge(MAPPER.writeValueAsString(tree), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid JSON: " + JsonProblems.describe(e, VerbatimNumbersJson.LIMITS));
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /** Returns the trace export request encoded as OTLP/JSON in {@code json}. */
  public static ExportTraceServiceRequest parseTraces(String json) {
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    merge(json, builder);
    return builder.build();
  }

  // On input ids are read only where OTLP defines them, on spans, their links and log records:
  // anything inside an unknown field is ignored, even a member named like an id. Both the JSON
  // names and the proto names are accepted, as protobuf's parser accepts both.
  private static void requestIdsToBase64(JsonNode request) {
    for (JsonNode resource : member(request, "resourceSpans", "resource_spans")) {
      for (JsonNode scope : member(resource, "scopeSpans", "scope_spans")) {
        for (JsonNode span : member(scope, "spans", "spans")) {
          if (span instanceof ObjectNode object) {
            JsonIds.spanIdsToBase64(object);
          }
        }
      }
    }
    for (JsonNode resource : member(request, "resourceLogs", "resource_logs")) {
      for (JsonNode scope : member(resource, "scopeLogs", "scope_logs")) {
        for (JsonNode record : member(scope, "logRecords", "log_records")) {
          if (record instanceof ObjectNode object) {
            JsonIds.logRecordIdsToBase64(object);
          }
        }
      }
    }
  }

  // The elements of the array member `json` or `proto` of `node`; none when it is not an array.
  private static Iterable<JsonNode> member(JsonNode node, String json, String proto) {
    JsonNode value = node.has(json) ? node.get(json) : node.get(proto);
    return value instanceof ArrayNode array ? array : List.of();
  }

  // Printed ids are found by name anywhere: a printed message has no unknown fields.
  private static void idsToHex(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          field.setValue(TextNode.valueOf(base64ToHex(field.getValue().textValue())));
        } else {
          idsToHex(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        idsToHex(element);
      }
    }
  }

  private static String base64ToHex(String base64) {
    return HEX.formatHex(Base64.getDecoder().decode(base64));
  }
}
