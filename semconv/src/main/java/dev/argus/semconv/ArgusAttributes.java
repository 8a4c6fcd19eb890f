package dev.argus.semconv;

/**
 * Names of the attributes ARGUS adds to the spans it evaluates. All live in the {@code argus.}
 * namespace so they never collide with a producer's own attributes.
 */
public final class ArgusAttributes {

  /** Prefix of the per-dimension scores; append the dimension key, see {@link #score}. */
  public static final String ARGUS_SCORE_PREFIX = "argus.score.";

  /** Weighted composite of the applicable dimension scores, a double in [0, 1]. */
  public static final String ARGUS_SCORE_COMPOSITE = "argus.score.composite";

  /** Groundedness score: is the completion supported by the context it was given. */
  public static final String ARGUS_SCORE_GROUNDEDNESS = "argus.score.groundedness";

  /** Accuracy score: does the completion answer the prompt correctly. */
  public static final String ARGUS_SCORE_ACCURACY = "argus.score.accuracy";

  /** Reliability score: did the call succeed and produce output in the requested form. */
  public static final String ARGUS_SCORE_RELIABILITY = "argus.score.reliability";

  /** Variance score: is the answer consistent with earlier answers to the same prompt. */
  public static final String ARGUS_SCORE_VARIANCE = "argus.score.variance";

  /** Inference cost score: is the token and money spend reasonable for the call. */
  public static final String ARGUS_SCORE_INFERENCE_COST = "argus.score.inference_cost";

  /** Safety score: is the completion free of personal data and harmful content. */
  public static final String ARGUS_SCORE_SAFETY = "argus.score.safety";

  /** Overall outcome: {@code pass}, {@code fail} or {@code not_evaluated}. */
  public static final String ARGUS_VERDICT = "argus.verdict";

  /** String array of the dimensions (and {@code composite}) below their threshold. */
  public static final String ARGUS_FAILED_DIMENSIONS = "argus.failed_dimensions";

  /** Name of the weight profile the composite was computed with. */
  public static final String ARGUS_PROFILE = "argus.profile";

  /** One human-readable line: why the call failed, or why it was not evaluated. */
  public static final String ARGUS_EVALUATION_EXPLANATION = "argus.evaluation.explanation";

  /** Id of the correction request ARGUS sent for this call. */
  public static final String ARGUS_CORRECTION_ID = "argus.correction.id";

  /** Which attempt at answering this is, counting the first answer as 0. */
  public static final String ARGUS_CORRECTION_ATTEMPT = "argus.correction.attempt";

  /** Verdict value of a call whose scores all met their thresholds. */
  public static final String VERDICT_PASS = "pass";

  /** Verdict value of a call with at least one score below its threshold. */
  public static final String VERDICT_FAIL = "fail";

  /** Verdict value of a call that could not be scored, for example without captured content. */
  public static final String VERDICT_NOT_EVALUATED = "not_evaluated";

  private ArgusAttributes() {}

  /** Returns the score attribute name of the dimension with the given snake_case key. */
  public static String score(String dimensionKey) {
    return ARGUS_SCORE_PREFIX + dimensionKey;
  }
}
