package dev.argus.core.enrich;

import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.model.GenAiCall;
import java.util.Objects;

/**
 * One gen-AI span of a processed request together with its evaluation.
 *
 * @param traceId trace id as 32 lowercase hex characters (empty when the span had none)
 * @param spanId span id as 16 lowercase hex characters (empty when the span had none)
 * @param serviceName {@code service.name} of the span's resource, or null when absent
 * @param call the gen-AI call read out of the span
 * @param evaluation the evaluation written onto the span
 */
public record EvaluatedSpan(
    String traceId, String spanId, String serviceName, GenAiCall call, Evaluation evaluation) {

  /** Validates the components. */
  public EvaluatedSpan {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(evaluation, "evaluation");
  }
}
