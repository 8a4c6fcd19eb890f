package dev.argus.core.scoring;

import java.util.Map;
import java.util.Objects;

/**
 * The result of one scorer on one call: a score in [0, 1], or "not applicable" with a reason.
 *
 * @param dimension the dimension scored
 * @param applicable false when the dimension cannot be judged for this call
 * @param value the score in [0, 1]; 0 when not applicable (never read then)
 * @param explanation one line a person can read: why the score is what it is, or why it does not
 *     apply
 * @param evidence machine-readable findings (for example {@code unsupported_claim}, {@code
 *     pii_kinds}); never raw personal data
 */
public record DimensionScore(
    Dimension dimension,
    boolean applicable,
    double value,
    String explanation,
    Map<String, Object> evidence) {

  /** Validates the components. */
  public DimensionScore {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(explanation, "explanation");
    if (applicable && !(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException("value: " + value + " (expected: 0 <= value <= 1)");
    }
    // Most scores find nothing to report: an empty map is replaced without walking it. The
    // others hold a few entries, copied into an array rather than a hash table.
    evidence = evidence == null || evidence.isEmpty() ? Map.of() : EvidenceMap.copyOf(evidence);
  }

  /** Returns an applicable score. */
  public static DimensionScore of(
      Dimension dimension, double value, String explanation, Map<String, Object> evidence) {
    return new DimensionScore(dimension, true, value, explanation, evidence);
  }

  /** Returns a "not applicable" result; {@code reason} says why, in a few words. */
  public static DimensionScore notApplicable(Dimension dimension, String reason) {
    return new DimensionScore(dimension, false, 0.0, reason, Map.of());
  }
}
