package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the gen-AI calls in OTLP trace requests by trying each convention extractor in order;
 * the first one that recognises a span reads it. Thread-safe.
 */
public final class GenAiExtractor {
  private final List<ConventionExtractor> extractors;

  /** Creates an extractor that tries {@code extractors} in the given order. */
  public GenAiExtractor(List<ConventionExtractor> extractors) {
    this.extractors = List.copyOf(extractors);
  }

  /** Returns the call carried by {@code span}, or empty when no convention recognises it. */
  public Optional<GenAiCall> extract(Span span) {
    for (ConventionExtractor extractor : extractors) {
      if (extractor.recognizes(span)) {
        return Optional.of(extractor.extract(span));
      }
    }
    return Optional.empty();
  }

  /** Returns every call found in {@code request}, in request order. */
  public List<ExtractedCall> extract(ExportTraceServiceRequest request) {
    List<ExtractedCall> calls = new ArrayList<>();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          int spanIndex = i;
          int scopeIndex = s;
          int resourceIndex = r;
          extract(scopeSpans.getSpans(i))
              .ifPresent(call -> calls.add(new ExtractedCall(resourceIndex, scopeIndex, spanIndex, call)));
        }
      }
    }
    return calls;
  }
}
