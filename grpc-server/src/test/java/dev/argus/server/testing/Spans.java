package dev.argus.server.testing;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers to look into enriched requests. */
public final class Spans {
  private Spans() {}

  /** Returns every span of {@code request} in order. */
  public static List<Span> all(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        spans.addAll(scopeSpans.getSpansList());
      }
    }
    return spans;
  }

  /** Returns {@code id} as lowercase hex. */
  public static String hex(com.google.protobuf.ByteString id) {
    return java.util.HexFormat.of().formatHex(id.toByteArray());
  }

  /** Returns the value of the attribute {@code key}, if present. */
  public static Optional<AnyValue> attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .map(KeyValue::getValue)
        .findFirst();
  }

  /** Returns the string array attribute {@code key} as a list, empty when absent. */
  public static List<String> strings(Span span, String key) {
    List<String> values = new ArrayList<>();
    attribute(span, key)
        .ifPresent(
            v -> v.getArrayValue().getValuesList().forEach(s -> values.add(s.getStringValue())));
    return values;
  }

  /** Returns {@code span} without what ARGUS adds: argus.* attributes and evaluation events. */
  public static Span withoutEnrichment(Span span) {
    Span.Builder builder = span.toBuilder().clearAttributes().clearEvents();
    span.getAttributesList().stream()
        .filter(a -> !a.getKey().startsWith("argus."))
        .forEach(builder::addAttributes);
    span.getEventsList().stream()
        .filter(e -> !e.getName().equals("gen_ai.evaluation.result"))
        .forEach(builder::addEvents);
    return builder.build();
  }

  /** Returns {@code request} with every span passed through {@link #withoutEnrichment}. */
  public static ExportTraceServiceRequest withoutEnrichment(ExportTraceServiceRequest request) {
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    for (ResourceSpans.Builder resourceSpans : builder.getResourceSpansBuilderList()) {
      for (ScopeSpans.Builder scopeSpans : resourceSpans.getScopeSpansBuilderList()) {
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          scopeSpans.setSpans(i, withoutEnrichment(scopeSpans.getSpans(i)));
        }
      }
    }
    return builder.build();
  }
}
