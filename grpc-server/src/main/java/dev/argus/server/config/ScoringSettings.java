package dev.argus.server.config;

import dev.argus.core.scoring.Dimension;
import java.util.Map;

/**
 * The {@code scoring} section: overrides of the scoring defaults. Absent entries keep the defaults
 * of the chosen profile.
 *
 * @param profile name of the weight profile
 * @param thresholds per-dimension thresholds that were configured
 * @param compositeThreshold composite threshold, or null when not configured
 * @param weights per-dimension weights that were configured
 */
public record ScoringSettings(
    String profile,
    Map<Dimension, Double> thresholds,
    Double compositeThreshold,
    Map<Dimension, Double> weights) {

  /** Name of the profile used when none is configured. */
  public static final String DEFAULT_PROFILE = "default";

  /** Copies the maps. */
  public ScoringSettings {
    thresholds = Map.copyOf(thresholds);
    weights = Map.copyOf(weights);
  }
}
