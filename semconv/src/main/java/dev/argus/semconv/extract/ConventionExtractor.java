package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Reads gen-AI calls written in one telemetry convention. Implementations are stateless and
 * thread-safe, and never throw on malformed input: a value they cannot read is treated as absent.
 */
public interface ConventionExtractor {

  /** Returns a short stable name, written to {@link GenAiCall#convention()}. */
  String name();

  /** Returns true when {@code span} is written in this convention; must be cheap. */
  boolean recognizes(Span span);

  /** Returns the call described by {@code span}; called only when {@link #recognizes} is true. */
  GenAiCall extract(Span span);
}
