package dev.argus.core.correction;

import dev.argus.core.scoring.Dimension;
import java.util.Map;
import java.util.Objects;

/**
 * One dimension a call failed, as the application needs to see it.
 *
 * @param dimension the failed dimension
 * @param score the score in [0, 1]
 * @param threshold the threshold the score fell below, or null when the dimension was targeted only
 *     because the composite failed
 * @param explanation one readable line from the scorer
 * @param evidence the scorer's findings with every text value PII-masked; kinds and counts, never
 *     personal data
 */
public record FailedDimension(
    Dimension dimension,
    double score,
    Double threshold,
    String explanation,
    Map<String, Object> evidence) {

  /** Validates and copies the components. */
  public FailedDimension {
    Objects.requireNonNull(dimension, "dimension");
    explanation = explanation == null ? "" : explanation;
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }
}
