package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads OTLP/JSON and OTLP protobuf fixtures from the test class path. */
final class OtlpFixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  private OtlpFixtures() {}

  /** Reads a class-path resource as a JSON tree. */
  static JsonNode json(String path) {
    try (InputStream in = open(path)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an OTLP/JSON trace request (hex ids) from the class path. */
  static ExportTraceServiceRequest traces(String path) {
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    merge(json(path), builder);
    return builder.build();
  }

  /** Reads an OTLP/JSON logs request (hex ids) from the class path. */
  static ExportLogsServiceRequest logs(String path) {
    ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
    merge(json(path), builder);
    return builder.build();
  }

  /** Reads an OTLP protobuf trace request from the class path. */
  static ExportTraceServiceRequest tracesPb(String path) {
    try (InputStream in = open(path)) {
      return ExportTraceServiceRequest.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an OTLP protobuf logs request from the class path. */
  static ExportLogsServiceRequest logsPb(String path) {
    try (InputStream in = open(path)) {
      return ExportLogsServiceRequest.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns every span of the request, in request order. */
  static List<Span> spans(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    request.getResourceSpansList().forEach(
        r -> r.getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList())));
    return spans;
  }

  /** Returns every log record of the request, in request order. */
  static List<LogRecord> records(ExportLogsServiceRequest request) {
    List<LogRecord> records = new ArrayList<>();
    request.getResourceLogsList().forEach(
        r -> r.getScopeLogsList().forEach(s -> records.addAll(s.getLogRecordsList())));
    return records;
  }

  /** Returns the span with the given hex id. */
  static Span span(ExportTraceServiceRequest request, String hexSpanId) {
    for (Span span : spans(request)) {
      if (hex(span.getSpanId().toByteArray()).equals(hexSpanId)) {
        return span;
      }
    }
    throw new AssertionError("no span " + hexSpanId);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static void merge(JsonNode tree, Message.Builder builder) {
    rewriteIds(tree);
    try {
      JsonFormat.parser().merge(MAPPER.writeValueAsString(tree), builder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // OTLP/JSON writes ids as hex; protobuf's JSON mapping expects base64 for bytes fields.
  private static void rewriteIds(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          byte[] bytes = HexFormat.of().parseHex(field.getValue().asText());
          object.set(field.getKey(), TextNode.valueOf(Base64.getEncoder().encodeToString(bytes)));
        } else {
          rewriteIds(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(OtlpFixtures::rewriteIds);
    }
  }

  private static InputStream open(String path) {
    InputStream in = OtlpFixtures.class.getResourceAsStream("/" + path);
    if (in == null) {
      throw new AssertionError("missing test resource " + path);
    }
    return in;
  }
}
