package dev.argus.core.correction;

/**
 * How badly a call failed, from the largest shortfall below a threshold. Subscribers filter on
 * it ({@code min_severity}).
 */
public enum Severity {
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high"),
  CRITICAL("critical");

  private final String key;

  Severity(String key) {
    this.key = key;
  }

  /** Returns the lower-case name used in payloads and config. */
  public String key() {
    return key;
  }

  /** Returns true when this severity is the same as or worse than {@code other}. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Returns the severity with the given {@link #key()}, or throws IllegalArgumentException. */
  public static Severity fromKey(String key) {
    for (Severity severity : values()) {
      if (severity.key.equals(key)) {
        return severity;
      }
    }
    throw new IllegalArgumentException("unknown severity: " + key);
  }

  /**
   * Returns the severity of a shortfall: how far a score lies below its threshold, in score
   * units (0 to 1).
   */
  public static Severity ofShortfall(double shortfall) {
    // Rounded so that 0.7 - 0.2 counts as the 0.5 it is meant to be.
    shortfall = Math.round(shortfall * 1e6) / 1e6;
    if (shortfall >= 0.5) {
      return CRITICAL;
    }
    if (shortfall >= 0.25) {
      return HIGH;
    }
    return shortfall >= 0.1 ? MEDIUM : LOW;
  }
}
