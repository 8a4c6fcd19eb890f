package dev.argus.server.config;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ThresholdOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param overrides thresholds for one {@code service.name} and/or model, in file order
 * @param goldenAnswersFile the file the golden answers were read from, or null
 * @param goldenAnswers reference answers keyed by prompt, read from {@code goldenAnswersFile}
 * @param phoneRegions regions whose national phone formats are recognised, or null for the default
 *     set
 * @param varianceMaxPrompts prompts whose recent answers are kept for the variance check
 * @param varianceAnswersPerPrompt answers kept per prompt
 * @param varianceTtl how long answers to a prompt are kept after the last one
 */
public record ScoringSettings(
    String profile,
    Map<Dimension, Double> thresholds,
    Double compositeThreshold,
    Map<Dimension, Double> weights,
    Duration latencySla,
    long costBudgetTokens,
    List<ThresholdOverride> overrides,
    Path goldenAnswersFile,
    Map<String, String> goldenAnswers,
    List<String> phoneRegions,
    int varianceMaxPrompts,
    int varianceAnswersPerPrompt,
    Duration varianceTtl) {

  /** Name of the profile used when none is configured. */
  public static final String DEFAULT_PROFILE = "default";

  /** Validates and copies the components. */
  public ScoringSettings {
    Objects.requireNonNull(latencySla, "latencySla");
    Objects.requireNonNull(varianceTtl, "varianceTtl");
    thresholds = Map.copyOf(thresholds);
    weights = Map.copyOf(weights);
    overrides = List.copyOf(overrides);
    goldenAnswers = Map.copyOf(goldenAnswers);
    phoneRegions = phoneRegions == null ? null : List.copyOf(phoneRegions);
  }

  /** Creates settings that keep the defaults of every scorer knob not named here. */
  public ScoringSettings(
      String profile,
      Map<Dimension, Double> thresholds,
      Double compositeThreshold,
      Map<Dimension, Double> weights,
      Duration latencySla,
      long costBudgetTokens) {
    this(
        profile,
        thresholds,
        compositeThreshold,
        weights,
        latencySla,
        costBudgetTokens,
        List.of(),
        null,
        Map.of(),
        null,
        ScoringConfig.DEFAULT_VARIANCE_MAX_PROMPTS,
        ScoringConfig.DEFAULT_VARIANCE_ANSWERS_PER_PROMPT,
        ScoringConfig.DEFAULT_VARIANCE_TTL);
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
            .setCostBudgetTokens(costBudgetTokens)
            .setGoldenAnswers(goldenAnswers)
            .setVarianceHistory(varianceMaxPrompts, varianceAnswersPerPrompt, varianceTtl);
    thresholds.forEach(builder::setThreshold);
    weights.forEach(builder::setWeight);
    overrides.forEach(builder::addOverride);
    if (compositeThreshold != null) {
      builder.setCompositeThreshold(compositeThreshold);
    }
    if (phoneRegions != null) {
      builder.setPhoneRegions(phoneRegions);
    }
    return builder.build();
  }
}
