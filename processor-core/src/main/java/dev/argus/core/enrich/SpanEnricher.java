package dev.argus.core.enrich;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import dev.argus.core.scoring.agent.AgentMetrics;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes an {@link Evaluation} onto the span it belongs to.
 *
 * <p>Adds the {@code argus.*} attributes of {@link ArgusAttributes} and, when enabled, one {@code
 * gen_ai.evaluation.result} event per scored dimension. An attribute the span already carries is
 * never overwritten, and every other field of the span is left as it was: new attributes and events
 * are appended after the existing ones, so the original ones keep their bytes and order. A span
 * that already carries {@code argus.verdict} (evaluated by an earlier ARGUS) is returned unchanged.
 * Stateless and thread-safe.
 */
public final class SpanEnricher {
  static final String EVALUATION_EVENT = "gen_ai.evaluation.result";
  static final String EVALUATION_NAME = "gen_ai.evaluation.name";
  static final String EVALUATION_SCORE_VALUE = "gen_ai.evaluation.score.value";
  static final String EVALUATION_SCORE_LABEL = "gen_ai.evaluation.score.label";
  static final String EVALUATION_EXPLANATION = "gen_ai.evaluation.explanation";
  static final String RESPONSE_ID = "gen_ai.response.id";
  static final String COMPOSITE = "composite";
  private static final String ARGUS_PREFIX = "argus.";

  private final boolean evaluationEvents;

  /**
   * Creates an enricher.
   *
   * @param evaluationEvents whether to append {@code gen_ai.evaluation.result} events
   */
  public SpanEnricher(boolean evaluationEvents) {
    this.evaluationEvents = evaluationEvents;
  }

  /** Returns an enricher that writes attributes and evaluation events. */
  public static SpanEnricher withEvaluationEvents() {
    return new SpanEnricher(true);
  }

  /**
   * Returns {@code span} with the evaluation added, or {@code span} itself when it already carries
   * a verdict.
   */
  public Span enrich(Span span, GenAiCall call, Evaluation evaluation) {
    return enrich(span, call, evaluation, null);
  }

  /**
   * Returns {@code span} with the evaluation added, or {@code span} itself when it already carries
   * a verdict. A call that was not evaluated also gets {@code argus.not_evaluated.reason} set to
   * {@code notEvaluatedReason} (one of the {@code ArgusAttributes.REASON_*} values) when it is not
   * null.
   */
  public Span enrich(Span span, GenAiCall call, Evaluation evaluation, String notEvaluatedReason) {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(evaluation, "evaluation");
    Set<String> existing = argusKeys(span);
    if (existing.contains(ArgusAttributes.ARGUS_VERDICT)) {
      return span;
    }

    Span.Builder builder = span.toBuilder();
    Attributes attributes = new Attributes(existing);
    if (evaluation.verdict() != Verdict.NOT_EVALUATED) {
      for (Dimension dimension : Dimension.values()) {
        DimensionScore score = evaluation.scores().get(dimension);
        if (score != null && score.applicable()) {
          attributes.put(EvaluationAttributes.scoreKey(dimension), doubleValue(score.value()));
        }
      }
      if (evaluation.composite() != null) {
        attributes.put(ArgusAttributes.ARGUS_SCORE_COMPOSITE, doubleValue(evaluation.composite()));
      }
    }
    attributes.put(EvaluationAttributes.verdict(evaluation.verdict()));
    if (evaluation.verdict() == Verdict.NOT_EVALUATED && notEvaluatedReason != null) {
      attributes.put(ArgusAttributes.ARGUS_NOT_EVALUATED_REASON, stringValue(notEvaluatedReason));
    }
    if (evaluation.verdict() != Verdict.NOT_EVALUATED) {
      attributes.put(ArgusAttributes.ARGUS_FAILED_DIMENSIONS, failedDimensions(evaluation));
    }
    if (evaluation.profile() != null && !evaluation.profile().isEmpty()) {
      attributes.put(ArgusAttributes.ARGUS_PROFILE, stringValue(evaluation.profile()));
    }
    if (!evaluation.explanation().isEmpty()) {
      attributes.put(
          ArgusAttributes.ARGUS_EVALUATION_EXPLANATION, stringValue(evaluation.explanation()));
    }
    if (evaluationEvents && evaluation.verdict() != Verdict.NOT_EVALUATED) {
      addEvents(builder, span.getEndTimeUnixNano(), call, evaluation);
    }
    return attributes.addTo(builder).build();
  }

  /**
   * Returns {@code span} with {@code argus.correction.id} set to {@code correctionId}, or {@code
   * span} itself when it already carries one.
   */
  public Span withCorrectionId(Span span, String correctionId) {
    Objects.requireNonNull(correctionId, "correctionId");
    for (KeyValue attribute : span.getAttributesList()) {
      if (ArgusAttributes.ARGUS_CORRECTION_ID.equals(attribute.getKey())) {
        return span;
      }
    }
    return span.toBuilder()
        .addAttributes(keyValue(ArgusAttributes.ARGUS_CORRECTION_ID, stringValue(correctionId)))
        .build();
  }

  /**
   * Returns {@code span} with {@code argus.scoring.truncated}, {@code argus.scoring.scanned_chars}
   * and {@code argus.scoring.total_chars} set from {@code limited}, or {@code span} itself when
   * nothing was cut or it already carries {@code argus.scoring.truncated}.
   */
  public Span withScanLimit(Span span, ScanLimit.Limited limited) {
    Objects.requireNonNull(limited, "limited");
    if (!limited.truncated()) {
      return span;
    }
    for (KeyValue attribute : span.getAttributesList()) {
      if (ArgusAttributes.ARGUS_SCORING_TRUNCATED.equals(attribute.getKey())) {
        return span;
      }
    }
    return span.toBuilder()
        .addAttributes(
            keyValue(
                ArgusAttributes.ARGUS_SCORING_TRUNCATED,
                AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(
            keyValue(ArgusAttributes.ARGUS_SCORING_SCANNED_CHARS, intValue(limited.scannedChars())))
        .addAttributes(
            keyValue(ArgusAttributes.ARGUS_SCORING_TOTAL_CHARS, intValue(limited.totalChars())))
        .build();
  }

  /**
   * Returns {@code span} with the {@code argus.agent.*} attributes of {@code metrics} added, or
   * {@code span} itself when it already carries {@code argus.agent.stability} (written by an
   * earlier ARGUS). Metrics that are unknown (no failed step, no cost) are left out.
   */
  public Span withAgentMetrics(Span span, AgentMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    Set<String> existing = argusKeys(span);
    if (existing.contains(ArgusAttributes.ARGUS_AGENT_STABILITY)) {
      return span;
    }
    Span.Builder builder = span.toBuilder();
    Attributes attributes = new Attributes(existing);
    if (metrics.plannedSteps() > 0) {
      attributes.put(
          ArgusAttributes.ARGUS_AGENT_SUCCESS_FRACTION,
          doubleValue(Math.min(1.0, metrics.completedSteps() / (double) metrics.plannedSteps())));
    }
    attributes.put(ArgusAttributes.ARGUS_AGENT_STABILITY, doubleValue(metrics.stability()));
    if (metrics.errorRecoveryRate() != null) {
      attributes.put(
          ArgusAttributes.ARGUS_AGENT_ERROR_RECOVERY_RATE,
          doubleValue(metrics.errorRecoveryRate()));
    }
    if (metrics.costPerCompletedStepUsd() != null) {
      attributes.put(
          ArgusAttributes.ARGUS_AGENT_COST_PER_COMPLETED_STEP,
          doubleValue(metrics.costPerCompletedStepUsd()));
    }
    if (metrics.tokensPerCompletedStep() != null) {
      attributes.put(
          ArgusAttributes.ARGUS_AGENT_TOKENS_PER_COMPLETED_STEP,
          doubleValue(metrics.tokensPerCompletedStep()));
    }
    attributes.put(ArgusAttributes.ARGUS_AGENT_PLANNED_STEPS, intValue(metrics.plannedSteps()));
    attributes.put(ArgusAttributes.ARGUS_AGENT_COMPLETED_STEPS, intValue(metrics.completedSteps()));
    attributes.put(ArgusAttributes.ARGUS_AGENT_RECOVERED_STEPS, intValue(metrics.recoveredSteps()));
    attributes.put(ArgusAttributes.ARGUS_AGENT_FAILED_ATTEMPTS, intValue(metrics.failedAttempts()));
    attributes.put(ArgusAttributes.ARGUS_AGENT_RETRIES, intValue(metrics.retries()));
    return attributes.addTo(builder).build();
  }

  /**
   * Returns the {@code argus.*} keys of {@code span}: every key this class writes has that prefix,
   * so only those can collide, and most spans have none to hash.
   */
  private static Set<String> argusKeys(Span span) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < span.getAttributesCount(); i++) {
      String key = span.getAttributes(i).getKey();
      if (key.startsWith(ARGUS_PREFIX)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static void addEvents(
      Span.Builder builder, long timeUnixNano, GenAiCall call, Evaluation evaluation) {
    String responseId = call == null ? null : call.responseId();
    // Added at once, the span's event list grows to its final size in one step.
    List<Span.Event> events = new ArrayList<>(Dimension.values().length);
    for (Dimension dimension : Dimension.values()) {
      DimensionScore score = evaluation.scores().get(dimension);
      if (score == null || !score.applicable()) {
        continue;
      }
      boolean failed = evaluation.failedDimensions().contains(dimension);
      Span.Event.Builder event =
          Span.Event.newBuilder()
              .setName(EVALUATION_EVENT)
              // The end of the span is when the evaluated output existed; a deterministic time
              // also keeps enrichment a pure function of its input.
              .setTimeUnixNano(timeUnixNano)
              .addAttributes(EvaluationAttributes.name(dimension))
              .addAttributes(keyValue(EVALUATION_SCORE_VALUE, doubleValue(score.value())))
              .addAttributes(EvaluationAttributes.scoreLabel(failed));
      if (!score.explanation().isEmpty()) {
        event.addAttributes(keyValue(EVALUATION_EXPLANATION, stringValue(score.explanation())));
      }
      if (responseId != null && !responseId.isEmpty()) {
        event.addAttributes(keyValue(RESPONSE_ID, stringValue(responseId)));
      }
      events.add(event.build());
    }
    builder.addAllEvents(events);
  }

  private static AnyValue failedDimensions(Evaluation evaluation) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    List<Dimension> failed = evaluation.failedDimensions();
    for (Dimension dimension : failed) {
      array.addValues(stringValue(dimension.key()));
    }
    // A composite below its threshold fails the call even when every dimension passed; name it
    // so the verdict can always be explained from this one attribute.
    if (evaluation.compositeFailed()) {
      array.addValues(stringValue(COMPOSITE));
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  private static KeyValue keyValue(String key, AnyValue value) {
    return EvaluationAttributes.keyValue(key, value);
  }

  private static AnyValue stringValue(String value) {
    return EvaluationAttributes.text(value);
  }

  private static AnyValue intValue(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  private static AnyValue doubleValue(double value) {
    return AnyValue.newBuilder().setDoubleValue(value).build();
  }

  /**
   * Collects attributes whose key the span does not have yet; they are appended at once, so the
   * span's attribute list grows to its final size in one step.
   */
  private static final class Attributes {
    private final Set<String> existing;
    private final List<KeyValue> added = new ArrayList<>(16);

    Attributes(Set<String> existing) {
      this.existing = existing;
    }

    void put(String key, AnyValue value) {
      assert key.startsWith(ARGUS_PREFIX) : key;
      if (existing.add(key)) {
        added.add(keyValue(key, value));
      }
    }

    void put(KeyValue shared) {
      if (existing.add(shared.getKey())) {
        added.add(shared);
      }
    }

    Span.Builder addTo(Span.Builder builder) {
      return builder.addAllAttributes(added);
    }
  }
}
