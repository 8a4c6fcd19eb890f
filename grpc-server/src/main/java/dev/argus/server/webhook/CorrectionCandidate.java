package dev.argus.server.webhook;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.model.GenAiCall;
import java.util.Objects;

/**
 * An evaluated gen-AI span offered to the correction webhooks.
 *
 * @param traceId trace id, 32 lowercase hex characters, or empty when the span had none
 * @param spanId span id, 16 lowercase hex characters, or empty when the span had none
 * @param serviceName {@code service.name} of the span's resource, or null
 * @param call the call read out of the span
 * @param evaluation its evaluation
 * @param attempt the span's {@code argus.correction.attempt}, 0 for an original call
 */
public record CorrectionCandidate(
    String traceId,
    String spanId,
    String serviceName,
    GenAiCall call,
    Evaluation evaluation,
    int attempt) {

  /** Validates the components. */
  public CorrectionCandidate {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(evaluation, "evaluation");
    attempt = Math.max(0, attempt);
  }

  /**
   * Returns the candidate of {@code span}, whose {@code argus.correction.attempt} is {@code
   * attempt}.
   */
  public static CorrectionCandidate of(EvaluatedSpan span, int attempt) {
    return new CorrectionCandidate(
        span.traceId(), span.spanId(), span.serviceName(), span.call(), span.evaluation(), attempt);
  }
}
