package dev.argus.semconv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
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
import java.util.function.Predicate;

/**
 * Loads OTLP requests from the test class path, for the tests of every module that reads spans. A
 * path ending in {@code .pb} is read as protobuf; any other as OTLP/JSON, whose trace and span ids
 * are hex strings.
 */
public final class OtlpFixtures {
  /** The mapper the fixtures are read with, for tests that compare JSON trees. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  private OtlpFixtures() {}

  /** Reads a class-path resource as a JSON tree. */
  public static JsonNode json(String path) {
    try (InputStream in = open(path)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a trace request, protobuf or OTLP/JSON by the path's extension. */
  public static ExportTraceServiceRequest traces(String path) {
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    read(path, builder);
    return builder.build();
  }

  /** Reads a logs request, protobuf or OTLP/JSON by the path's extension. */
  public static ExportLogsServiceRequest logs(String path) {
    ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
    read(path, builder);
    return builder.build();
  }

  /** Returns every span of the request, in request order. */
  public static List<Span> spans(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    request
        .getResourceSpansList()
        .forEach(r -> r.getScopeSpansList().forEach(s -> spans.addAll(s.getSpansList())));
    return spans;
  }

  /** Returns every log record of the request, in request order. */
  public static List<LogRecord> records(ExportLogsServiceRequest request) {
    List<LogRecord> records = new ArrayList<>();
    request
        .getResourceLogsList()
        .forEach(r -> r.getScopeLogsList().forEach(s -> records.addAll(s.getLogRecordsList())));
    return records;
  }

  /** Returns the span with the given hex id. */
  public static Span span(ExportTraceServiceRequest request, String hexSpanId) {
    for (Span span : spans(request)) {
      if (hex(span).equals(hexSpanId)) {
        return span;
      }
    }
    throw new AssertionError("no span " + hexSpanId);
  }

  /** Returns the span's id in hex, as OTLP/JSON writes it. */
  public static String hex(Span span) {
    return hex(span.getSpanId().toByteArray());
  }

  /** Returns the bytes in lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Returns the request with only the spans that {@code keep} accepts, structure kept. */
  public static ExportTraceServiceRequest filter(
      ExportTraceServiceRequest request, Predicate<Span> keep) {
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    for (ResourceSpans.Builder resourceSpans : builder.getResourceSpansBuilderList()) {
      for (ScopeSpans.Builder scopeSpans : resourceSpans.getScopeSpansBuilderList()) {
        List<Span> kept = new ArrayList<>();
        for (Span span : scopeSpans.getSpansList()) {
          if (keep.test(span)) {
            kept.add(span);
          }
        }
        scopeSpans.clearSpans().addAllSpans(kept);
      }
    }
    return builder.build();
  }

  private static void read(String path, Message.Builder builder) {
    try (InputStream in = open(path)) {
      if (path.endsWith(".pb")) {
        builder.mergeFrom(in);
        return;
      }
      JsonNode tree = MAPPER.readTree(in);
      rewriteIds(tree);
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
    InputStream in = OtlpFixtures.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new AssertionError("missing test resource " + path);
    }
    return in;
  }
}
