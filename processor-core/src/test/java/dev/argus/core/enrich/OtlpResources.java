package dev.argus.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
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

/** Loads OTLP requests (protobuf, or OTLP/JSON with hex ids) from the test class path. */
final class OtlpResources {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  private OtlpResources() {}

  static ExportTraceServiceRequest traces(String path) {
    if (path.endsWith(".pb")) {
      try (InputStream in = open(path)) {
        return ExportTraceServiceRequest.parseFrom(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    try (InputStream in = open(path)) {
      JsonNode tree = MAPPER.readTree(in);
      hexIdsToBase64(tree);
      JsonFormat.parser().merge(MAPPER.writeValueAsString(tree), builder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return builder.build();
  }

  static ExportLogsServiceRequest logs(String path) {
    try (InputStream in = open(path)) {
      return ExportLogsServiceRequest.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Span> spans(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        spans.addAll(scopeSpans.getSpansList());
      }
    }
    return spans;
  }

  static String hex(Span span) {
    return HexFormat.of().formatHex(span.getSpanId().toByteArray());
  }

  static Span span(ExportTraceServiceRequest request, String hexSpanId) {
    for (Span span : spans(request)) {
      if (hex(span).equals(hexSpanId)) {
        return span;
      }
    }
    throw new AssertionError("no span " + hexSpanId);
  }

  /** Returns the request with only the spans that {@code keep} accepts, structure kept. */
  static ExportTraceServiceRequest filter(
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

  // OTLP/JSON writes ids as hex; the protobuf JSON mapping expects base64 for bytes.
  private static void hexIdsToBase64(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          byte[] bytes = HexFormat.of().parseHex(field.getValue().asText());
          object.set(field.getKey(), TextNode.valueOf(Base64.getEncoder().encodeToString(bytes)));
        } else {
          hexIdsToBase64(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(OtlpResources::hexIdsToBase64);
    }
  }

  private static InputStream open(String path) {
    InputStream in = OtlpResources.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new AssertionError("missing test resource " + path);
    }
    return in;
  }
}
