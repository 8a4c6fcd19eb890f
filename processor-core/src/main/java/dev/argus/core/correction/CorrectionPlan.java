package dev.argus.core.correction;

import dev.argus.core.scoring.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What went wrong with a call and how to ask again.
 *
 * @param severity the worst shortfall among the failures
 * @param failures the failed dimensions, worst first
 * @param instructions the targeted instructions added to the prompt, one per failed dimension
 * @param rewrittenPrompt the original request plus the instructions, ready to resend
 */
public record CorrectionPlan(
    Severity severity,
    List<FailedDimension> failures,
    List<String> instructions,
    RewrittenPrompt rewrittenPrompt) {

  /** Validates and copies the components. */
  public CorrectionPlan {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rewrittenPrompt, "rewrittenPrompt");
    failures = List.copyOf(failures);
    instructions = List.copyOf(instructions);
  }
}
