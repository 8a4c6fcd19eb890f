package dev.argus.core.scoring;

/** The six quality dimensions ARGUS scores on every evaluable gen-AI call. */
public enum Dimension {
  GROUNDEDNESS("groundedness"),
  ACCURACY("accuracy"),
  RELIABILITY("reliability"),
  VARIANCE("variance"),
  INFERENCE_COST("inference_cost"),
  SAFETY("safety");

  private final String key;

  Dimension(String key) {
    this.key = key;
  }

  /** Returns the snake_case name used in attributes, config keys and payloads. */
  public String key() {
    return key;
  }

  /** Returns the dimension with the given {@link #key()}, or throws IllegalArgumentException. */
  public static Dimension fromKey(String key) {
    for (Dimension dimension : values()) {
      if (dimension.key.equals(key)) {
        return dimension;
      }
    }
    throw new IllegalArgumentException("unknown dimension: " + key);
  }
}
