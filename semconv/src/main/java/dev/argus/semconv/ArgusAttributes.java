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

  /**
   * Boolean, true when some text of the call was longer than {@code scoring.max_text_chars} and
   * only its beginning was scored; absent when everything was scanned.
   */
  public static final String ARGUS_SCORING_TRUNCATED = "argus.scoring.truncated";

  /** Int, with {@link #ARGUS_SCORING_TRUNCATED}: chars of call text the scorers looked at. */
  public static final String ARGUS_SCORING_SCANNED_CHARS = "argus.scoring.scanned_chars";

  /** Int, with {@link #ARGUS_SCORING_TRUNCATED}: chars of text the call carries in all. */
  public static final String ARGUS_SCORING_TOTAL_CHARS = "argus.scoring.total_chars";

  /**
   * Why a call was not evaluated, one of the {@code REASON_*} values; set only with {@link
   * #VERDICT_NOT_EVALUATED}.
   */
  public static final String ARGUS_NOT_EVALUATED_REASON = "argus.not_evaluated.reason";

  /** The producer did not record prompt or completion (capture switched off). */
  public static final String REASON_CONTENT_NOT_CAPTURED = "content_not_captured";

  /**
   * The span was held for the log records that carry its content and none arrived in the hold
   * window (late or lost records), unlike {@link #REASON_CONTENT_NOT_CAPTURED}.
   */
  public static final String REASON_CONTENT_NOT_RECEIVED = "content_not_received";

  /** Prompt and completion arrived only as redaction placeholders. */
  public static final String REASON_CONTENT_REDACTED = "content_redacted";

  /** The output was cut by the producer's length limit, so judging it would judge a fragment. */
  public static final String REASON_CONTENT_TRUNCATED = "content_truncated";

  /** The call produced no output text, tool call or error to judge. */
  public static final String REASON_NO_OUTPUT = "no_output";

  /** The operation is not judged on these dimensions (for example embeddings). */
  public static final String REASON_OPERATION_NOT_SCORED = "operation_not_scored";

  /** Every dimension was found not applicable. */
  public static final String REASON_NO_APPLICABLE_DIMENSION = "no_applicable_dimension";

  /** Scoring failed unexpectedly; the span was forwarded with this mark. */
  public static final String REASON_SCORING_ERROR = "scoring_error";

  /** Scoring ran over {@code scoring.time_budget}; the span was forwarded without waiting more. */
  public static final String REASON_SCORING_OVER_BUDGET = "scoring_over_budget";

  /**
   * No scoring thread took the span up within {@code scoring.time_budget}: scoring is short of CPU
   * for the traffic.
   */
  public static final String REASON_SCORING_SATURATED = "scoring_saturated";

  /**
   * Agent success fraction: completed tool steps over planned ones, capped at 1 (double in [0, 1];
   * absent when nothing was planned). Written on the {@code invoke_agent} span.
   */
  public static final String ARGUS_AGENT_SUCCESS_FRACTION = "argus.agent.success_fraction";

  /**
   * Agent stability: the success fraction less a penalty per retried tool attempt, halved when the
   * agent span itself failed (double in [0, 1]).
   */
  public static final String ARGUS_AGENT_STABILITY = "argus.agent.stability";

  /** Failed tool steps that a later attempt recovered, over failed steps (double in [0, 1]). */
  public static final String ARGUS_AGENT_ERROR_RECOVERY_RATE = "argus.agent.error_recovery_rate";

  /** Model cost in US dollars per completed tool step (double). */
  public static final String ARGUS_AGENT_COST_PER_COMPLETED_STEP =
      "argus.agent.cost_per_completed_step_usd";

  /** Model tokens per completed tool step (double). */
  public static final String ARGUS_AGENT_TOKENS_PER_COMPLETED_STEP =
      "argus.agent.tokens_per_completed_step";

  /** Tool calls the model asked for (int). */
  public static final String ARGUS_AGENT_PLANNED_STEPS = "argus.agent.steps.planned";

  /** Tool steps whose last attempt succeeded (int). */
  public static final String ARGUS_AGENT_COMPLETED_STEPS = "argus.agent.steps.completed";

  /** Tool steps with a failed attempt followed by a successful one (int). */
  public static final String ARGUS_AGENT_RECOVERED_STEPS = "argus.agent.steps.recovered";

  /** Tool attempts that failed (int). */
  public static final String ARGUS_AGENT_FAILED_ATTEMPTS = "argus.agent.attempts.failed";

  /** Tool attempts beyond the first of each step (int). */
  public static final String ARGUS_AGENT_RETRIES = "argus.agent.retries";

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
