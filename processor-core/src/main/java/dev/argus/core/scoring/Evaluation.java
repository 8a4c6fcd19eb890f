package dev.argus.core.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation of one call: every dimension's score, the composite, and the verdict.
 *
 * @param scores one entry per dimension that was scored or found not applicable
 * @param composite weighted mean of the applicable scores, or null when none applied
 * @param verdict pass, fail or not evaluated
 * @param failedDimensions dimensions (applicable) whose score is below their threshold
 * @param compositeFailed true when the composite is below the composite threshold
 * @param thresholds the threshold in force per dimension
 * @param profile name of the weight profile used
 * @param explanation one line summarising why the call failed, or empty
 */
public record Evaluation(
    Map<Dimension, DimensionScore> scores,
    Double composite,
    Verdict verdict,
    List<Dimension> failedDimensions,
    boolean compositeFailed,
    Map<Dimension, Double> thresholds,
    String profile,
    String explanation) {

  /** Copies the collections. */
  public Evaluation {
    Objects.requireNonNull(verdict, "verdict");
    scores = Map.copyOf(scores);
    failedDimensions = List.copyOf(failedDimensions);
    thresholds = Map.copyOf(thresholds);
    explanation = explanation == null ? "" : explanation;
  }

  /**
   * Returns how far {@code dimension} fell below its threshold, {@link Severity#NONE} when it
   * passed, was not applicable or was not scored.
   */
  public Severity severity(Dimension dimension) {
    DimensionScore score = scores.get(dimension);
    Double threshold = thresholds.get(dimension);
    if (score == null || !score.applicable() || threshold == null) {
      return Severity.NONE;
    }
    return Severity.of(score.value(), threshold);
  }

  /** Returns the worst severity over the failed dimensions ({@link Severity#NONE} on a pass). */
  public Severity severity() {
    Severity worst = Severity.NONE;
    for (Dimension dimension : failedDimensions) {
      Severity severity = severity(dimension);
      if (severity.compareTo(worst) > 0) {
        worst = severity;
      }
    }
    if (compositeFailed && worst == Severity.NONE) {
      worst = Severity.LOW;
    }
    return worst;
  }

  /** Returns an evaluation that scored nothing, with the reason as explanation. */
  public static Evaluation notEvaluated(String profile, String reason) {
    return new Evaluation(
        Map.of(), null, Verdict.NOT_EVALUATED, List.of(), false, Map.of(), profile, reason);
  }
}
