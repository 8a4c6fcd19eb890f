package dev.argus.core.enrich;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.ArgusAttributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.EnumMap;
import java.util.Map;

/**
 * The attributes that every evaluation result repeats (dimension names, pass and fail labels,
 * verdicts), built once. Messages are immutable, so the same instances can sit in every span and
 * log record; each also remembers its serialised size, so it is measured only once.
 */
final class EvaluationAttributes {
  private static final Map<Dimension, KeyValue> NAMES = new EnumMap<>(Dimension.class);
  private static final Map<Dimension, String> SCORE_KEYS = new EnumMap<>(Dimension.class);
  private static final Map<Verdict, KeyValue> VERDICTS = new EnumMap<>(Verdict.class);
  private static final KeyValue PASS_LABEL = scoreLabel(Verdict.PASS);
  private static final KeyValue FAIL_LABEL = scoreLabel(Verdict.FAIL);

  static {
    for (Dimension dimension : Dimension.values()) {
      NAMES.put(dimension, keyValue(SpanEnricher.EVALUATION_NAME, text(dimension.key())));
      SCORE_KEYS.put(dimension, ArgusAttributes.score(dimension.key()));
    }
    for (Verdict verdict : Verdict.values()) {
      VERDICTS.put(verdict, keyValue(ArgusAttributes.ARGUS_VERDICT, text(verdict.label())));
    }
  }

  private EvaluationAttributes() {}

  /** Returns {@code gen_ai.evaluation.name} set to the key of {@code dimension}. */
  static KeyValue name(Dimension dimension) {
    return NAMES.get(dimension);
  }

  /** Returns {@code gen_ai.evaluation.score.label} set to {@code fail} or {@code pass}. */
  static KeyValue scoreLabel(boolean failed) {
    return failed ? FAIL_LABEL : PASS_LABEL;
  }

  /** Returns {@code argus.verdict} set to the label of {@code verdict}. */
  static KeyValue verdict(Verdict verdict) {
    return VERDICTS.get(verdict);
  }

  /** Returns the {@code argus.score.<dimension>} attribute name of {@code dimension}. */
  static String scoreKey(Dimension dimension) {
    return SCORE_KEYS.get(dimension);
  }

  /** Returns {@code key} set to {@code value}. */
  static KeyValue keyValue(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** Returns a string value. */
  static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  private static KeyValue scoreLabel(Verdict verdict) {
    return keyValue(SpanEnricher.EVALUATION_SCORE_LABEL, text(verdict.label()));
  }
}
