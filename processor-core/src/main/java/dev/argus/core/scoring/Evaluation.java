package dev.argus.core.scoring;

import dev.argus.semconv.ArgusAttributes;
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
 * @param notEvaluatedReason with {@link Verdict#NOT_EVALUATED} only: the {@code
 *     argus.not_evaluated.reason} code of why nothing was scored ({@code no_applicable_dimension}
 *     when not given); null otherwise
 */
public record Evaluation(
    Map<Dimension, DimensionScore> scores,
    Double composite,
    Verdict verdict,
    List<Dimension> failedDimensions,
    boolean compositeFailed,
    Map<Dimension, Double> thresholds,
    String profile,
    String explanation,
    String notEvaluatedReason) {

  /** Copies the collections. */
  public Evaluation {
    Objects.requireNonNull(verdict, "verdict");
    if (verdict == Verdict.NOT_EVALUATED) {
      notEvaluatedReason =
          notEvaluatedReason == null
              ? ArgusAttributes.REASON_NO_APPLICABLE_DIMENSION
              : notEvaluatedReason;
    } else if (notEvaluatedReason != null) {
      throw new IllegalArgumentException("a not-evaluated reason given with verdict " + verdict);
    }
    scores = Map.copyOf(scores);
    failedDimensions = List.copyOf(failedDimensions);
    thresholds = Map.copyOf(thresholds);
    explanation = explanation == null ? "" : explanation;
  }

  /** Creates an evaluation; a not-evaluated one is for want of an applicable dimension. */
  public Evaluation(
      Map<Dimension, DimensionScore> scores,
      Double composite,
      Verdict verdict,
      List<Dimension> failedDimensions,
      boolean compositeFailed,
      Map<Dimension, Double> thresholds,
      String profile,
      String explanation) {
    this(
        scores,
        composite,
        verdict,
        failedDimensions,
        compositeFailed,
        thresholds,
        profile,
        explanation,
        null);
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

  /**
   * Returns an evaluation that scored nothing because no dimension applied, with {@code
   * explanation} saying why.
   */
  public static Evaluation notEvaluated(String profile, String explanation) {
    return notEvaluated(profile, ArgusAttributes.REASON_NO_APPLICABLE_DIMENSION, explanation);
  }

  /**
   * Returns an evaluation that scored nothing, with the {@code argus.not_evaluated.reason} code
   * {@code reason} and {@code explanation} saying why.
   */
  public static Evaluation notEvaluated(String profile, String reason, String explanation) {
    return new Evaluation(
        Map.of(),
        null,
        Verdict.NOT_EVALUATED,
        List.of(),
        false,
        Map.of(),
        profile,
        explanation,
        Objects.requireNonNull(reason, "reason"));
  }
}
