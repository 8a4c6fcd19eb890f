package dev.argus.core.scoring;

import java.util.Locale;

/** How far a score fell below its threshold, relative to the threshold. */
public enum Severity {
  /** Not below the threshold. */
  NONE,
  /** Less than 15 % below the threshold. */
  LOW,
  /** 15 % to 35 % below. */
  MEDIUM,
  /** 35 % to 60 % below. */
  HIGH,
  /** More than 60 % below. */
  CRITICAL;

  /** Returns the severity of {@code score} against {@code threshold}. */
  public static Severity of(double score, double threshold) {
    if (score >= threshold || threshold <= 0) {
      return NONE;
    }
    double shortfall = (threshold - score) / threshold;
    if (shortfall < 0.15) {
      return LOW;
    }
    if (shortfall < 0.35) {
      return MEDIUM;
    }
    return shortfall < 0.60 ? HIGH : CRITICAL;
  }

  /** Returns the lower-case name used in attributes and payloads. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
