package dev.argus.core.scoring;

import dev.argus.semconv.model.GenAiCall;
import java.util.Objects;

/**
 * Everything a scorer may look at for one call.
 *
 * @param call the extracted gen-AI call
 * @param serviceName {@code service.name} of the producing resource, or null
 * @param referenceAnswer an expected answer supplied by the application, or null
 * @param traceId id of the trace the call belongs to (hex), or null when unknown; calls of one
 *     trace are steps of one interaction, never repeated runs of a prompt
 */
public record ScoringInput(
    GenAiCall call, String serviceName, String referenceAnswer, String traceId) {

  /** Validates the components. */
  public ScoringInput {
    Objects.requireNonNull(call, "call");
  }

  /** Creates an input outside any known trace. */
  public ScoringInput(GenAiCall call, String serviceName, String referenceAnswer) {
    this(call, serviceName, referenceAnswer, null);
  }

  /** Returns an input with only the call. */
  public static ScoringInput of(GenAiCall call) {
    return new ScoringInput(call, null, null);
  }
}
