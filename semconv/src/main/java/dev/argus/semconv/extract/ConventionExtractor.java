package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Reads gen-AI calls written in one telemetry convention. Implementations are stateless and
 * thread-safe, and never throw on malformed input: a value they cannot read is treated as absent.
 *
 * <p>The {@link SpanView} methods are the ones {@link GenAiExtractor} calls and the ones an
 * implementation writes: a view indexes the span's attributes once and carries the log records
 * joined to the span. The {@link Span} methods are conveniences that build a view of the span
 * alone.
 */
public interface ConventionExtractor {

  /** Returns a short stable name, written to {@link GenAiCall#convention()}. */
  String name();

  /** Returns true when {@code span} alone is written in this convention. */
  default boolean recognizes(Span span) {
    return recognizes(SpanView.of(span));
  }

  /** Returns the call described by {@code span} alone; only when {@link #recognizes} is true. */
  default GenAiCall extract(Span span) {
    return extract(SpanView.of(span));
  }

  /**
   * Returns true when the viewed span, with its joined records, is written in this convention; must
   * be cheap.
   */
  boolean recognizes(SpanView view);

  /**
   * Returns the call described by the viewed span and its joined records; called only when {@link
   * #recognizes(SpanView)} is true.
   */
  GenAiCall extract(SpanView view);

  /**
   * Returns the part the viewed span plays in its trace; by default the role implied by the call's
   * operation ({@link SpanRole#ofOperation}).
   */
  default SpanRole role(SpanView view, GenAiCall call) {
    return SpanRole.ofOperation(call.operation());
  }
}
