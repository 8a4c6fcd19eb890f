package dev.argus.core.correction;

/** The kinds of correction event ARGUS emits. */
public enum CorrectionEventType {
  /** A call failed its evaluation; the event carries a correction plan. */
  EVALUATION_FAILED("evaluation.failed"),
  /** A retried call failed again after the maximum number of correction attempts. */
  CORRECTION_EXHAUSTED("correction.exhausted");

  private final String key;

  CorrectionEventType(String key) {
    this.key = key;
  }

  /** Returns the name used in payloads and subscriber filters. */
  public String key() {
    return key;
  }

  /** Returns the type with the given {@link #key()}, or throws IllegalArgumentException. */
  public static CorrectionEventType fromKey(String key) {
    for (CorrectionEventType type : values()) {
      if (type.key.equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type: " + key);
  }
}
