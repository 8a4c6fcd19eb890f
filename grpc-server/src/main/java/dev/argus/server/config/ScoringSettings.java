package dev.argus.server.config;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.ScoringConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code scoring} section: overrides of the scoring defaults. Absent entries keep the defaults
 * of the chosen profile.
 *
 * @param profile name of the weight profile
 * @param thresholds per-dimension thresholds that were configured
 * @param compositeThreshold composite threshold, or null when not configured
 * @param weights per-dimension weights that were configured
 * @param latencySla a call slower than this loses reliability
 * @param costBudgetTokens tokens per call judged reasonable before a model baseline is learned
 */
public record ScoringSettings(
    String profile,
    Map<Dimension, Double> thresholds,
    Double compositeThreshold,
    Map<Dimension, Double> weights,
    Duration latencySla,
    long costBudgetTokens) {

  /** Name of the profile used when none is configured. */
  public static final String DEFAULT_PROFILE = "default";

  /** Validates and copies the components. */
  public ScoringSettings {
    Objects.requireNonNull(latencySla, "latencySla");
    thresholds = Map.copyOf(thresholds);
    weights = Map.copyOf(weights);
  }

  /**
   * Returns the scoring configuration: the defaults with these overrides applied.
   *
   * @throws IllegalArgumentException naming every invalid key, its value and what was expected
   */
  public ScoringConfig toScoringConfig() {
    ScoringConfig.Builder builder =
        ScoringConfig.builder()
            .setProfile(profile)
            .setLatencySlaMillis(latencySla.toMillis())
            .setCostBudgetTokens(costBudgetTokens);
    thresholds.forEach(builder::setThreshold);
    weights.forEach(builder::setWeight);
    if (compositeThreshold != null) {
      builder.setCompositeThreshold(compositeThreshold);
    }
    return builder.build();
  }
}
