package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
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

  /**
   * Returns an extractor for every supported convention, tried in this order (first match wins):
   *
   * <ol>
   *   <li>{@link SemconvExtractor} — current {@code gen_ai.*} semantic conventions, and the
   *       metadata-only fallback for any {@code gen_ai.*} span.
   * </ol>
   */
  public static GenAiExtractor standard() {
    return new GenAiExtractor(List.of(new SemconvExtractor()));
  }

  /** Returns the extractors in the order they are tried. */
  public List<ConventionExtractor> extractors() {
    return extractors;
  }

  /** Returns the call carried by {@code span}, or empty when no convention recognises it. */
  public Optional<GenAiCall> extract(Span span) {
    return extract(SpanView.of(span));
  }

  /**
   * Returns the call carried by {@code span} together with {@code records}, the gen-AI event log
   * records joined to it (same trace id and span id), or empty when no convention recognises it.
   */
  public Optional<GenAiCall> extract(Span span, List<LogRecord> records) {
    return extract(SpanView.of(span, records));
  }

  /** Returns the call carried by the viewed span, or empty when no convention recognises it. */
  public Optional<GenAiCall> extract(SpanView view) {
    for (ConventionExtractor extractor : extractors) {
      if (extractor.recognizes(view)) {
        return Optional.of(extractor.extract(view));
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
          Optional<GenAiCall> call = extract(scopeSpans.getSpans(i));
          if (call.isPresent()) {
            calls.add(new ExtractedCall(r, s, i, call.get()));
          }
        }
      }
    }
    return calls;
  }
}
