package dev.argus.core.enrich;

import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.semconv.ArgusAttributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Optional;

/**
 * Offers a failed span to the {@link CorrectionLinker} together with the correction attempt the
 * span reports, and writes the id of its correction event onto it. Thread-safe when the linker is.
 */
final class FailedSpanLinker {
  private final CorrectionLinker linker;
  private final SpanEnricher enricher;

  FailedSpanLinker(CorrectionLinker linker, SpanEnricher enricher) {
    this.linker = linker;
    this.enricher = enricher;
  }

  /**
   * Returns {@code enriched} with {@code argus.correction.id} when the linker links {@code result},
   * else {@code enriched} itself; a linker that throws leaves the span without a link.
   */
  Span link(Span enriched, EvaluatedSpan result) {
    Optional<String> id;
    try {
      id = linker.link(result, correctionAttempt(enriched));
    } catch (RuntimeException e) {
      // Corrections are an extra; the span goes on without its link.
      return enriched;
    }
    return id.isPresent() ? enricher.withCorrectionId(enriched, id.get()) : enriched;
  }

  /** Returns the span's {@code argus.correction.attempt}, 0 when absent or invalid. */
  static int correctionAttempt(Span span) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (ArgusAttributes.ARGUS_CORRECTION_ATTEMPT.equals(attribute.getKey())) {
        AnyValue value = attribute.getValue();
        return CorrectionPolicy.parseAttempt(
            value.hasIntValue() ? (Object) value.getIntValue() : value.getStringValue());
      }
    }
    return 0;
  }
}
