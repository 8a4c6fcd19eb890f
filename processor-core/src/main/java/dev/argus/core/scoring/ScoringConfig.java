package dev.argus.core.scoring;

import dev.argus.core.scoring.safety.PiiScanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Everything that shapes scoring: the weight profile, custom weights, thresholds and their
 * per-service / per-model overrides, and the knobs of the individual scorers. Immutable; build with
 * {@link #builder()} or change a copy with {@link #toBuilder()}.
 *
 * <p>Thresholds resolve from general to specific: {@link #DEFAULT_THRESHOLDS}, then the profile's,
 * then those set with {@link Builder#setThreshold}, then overrides that match the service, the
 * model, and finally both.
 */
public final class ScoringConfig {

  /** Default composite threshold: 0.70. */
  public static final double DEFAULT_COMPOSITE_THRESHOLD = 0.70;

  /** Default thresholds: G 0.60, A 0.65, R 0.60, V 0.50, I 0.40, S 0.80. */
  public static final Map<Dimension, Double> DEFAULT_THRESHOLDS =
      Map.of(
          Dimension.GROUNDEDNESS, 0.60,
          Dimension.ACCURACY, 0.65,
          Dimension.RELIABILITY, 0.60,
          Dimension.VARIANCE, 0.50,
          Dimension.INFERENCE_COST, 0.40,
          Dimension.SAFETY, 0.80);

  /** Default latency SLA: 30 s. */
  public static final long DEFAULT_LATENCY_SLA_MILLIS = 30_000;

  /** Default token budget per call before a model baseline is learned: 8,000. */
  public static final long DEFAULT_COST_BUDGET_TOKENS = 8_000;

  /** Default number of prompts whose recent answers are kept: 10,000. */
  public static final int DEFAULT_VARIANCE_MAX_PROMPTS = 10_000;

  /** Default number of answers kept per prompt: 5. */
  public static final int DEFAULT_VARIANCE_ANSWERS_PER_PROMPT = 5;

  /** Default time an unrepeated prompt is remembered: 1 h. */
  public static final Duration DEFAULT_VARIANCE_TTL = Duration.ofHours(1);

  private final String profile;
  private final Map<Dimension, Double> weights;
  private final Map<Dimension, Double> thresholds;
  private final Double compositeThreshold;
  private final List<ThresholdOverride> overrides;
  private final long latencySlaMillis;
  private final long costBudgetTokens;
  private final Map<String, String> goldenAnswers;
  private final List<String> phoneRegions;
  private final int varianceMaxPrompts;
  private final int varianceAnswersPerPrompt;
  private final Duration varianceTtl;
  private Thresholds baseThresholds;

  private ScoringConfig(Builder b) {
    this.profile = b.profile;
    this.weights = Map.copyOf(b.weights);
    this.thresholds = Map.copyOf(b.thresholds);
    this.compositeThreshold = b.compositeThreshold;
    this.overrides = List.copyOf(b.overrides);
    this.latencySlaMillis = b.latencySlaMillis;
    this.costBudgetTokens = b.costBudgetTokens;
    this.goldenAnswers = Map.copyOf(b.goldenAnswers);
    this.phoneRegions = List.copyOf(b.phoneRegions);
    this.varianceMaxPrompts = b.varianceMaxPrompts;
    this.varianceAnswersPerPrompt = b.varianceAnswersPerPrompt;
    this.varianceTtl = b.varianceTtl;
  }

  /** Returns the configuration with every default. */
  public static ScoringConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.profile = profile;
    b.weights.putAll(weights);
    b.thresholds.putAll(thresholds);
    b.compositeThreshold = compositeThreshold;
    b.overrides.addAll(overrides);
    b.latencySlaMillis = latencySlaMillis;
    b.costBudgetTokens = costBudgetTokens;
    b.goldenAnswers.putAll(goldenAnswers);
    b.phoneRegions = new ArrayList<>(phoneRegions);
    b.varianceMaxPrompts = varianceMaxPrompts;
    b.varianceAnswersPerPrompt = varianceAnswersPerPrompt;
    b.varianceTtl = varianceTtl;
    return b;
  }

  /** Returns the name of the weight profile. */
  public String profile() {
    return profile;
  }

  /** Returns the profile in force, with custom weights applied. */
  public WeightProfile weightProfile() {
    WeightProfile base = WeightProfile.named(profile);
    if (weights.isEmpty()) {
      return base;
    }
    Map<Dimension, Double> merged = new EnumMap<>(base.weights());
    merged.putAll(weights);
    return new WeightProfile(base.name(), merged, base.thresholds(), base.compositeThreshold());
  }

  /** Returns the weights normalised to sum to one. */
  public Map<Dimension, Double> normalisedWeights() {
    Map<Dimension, Double> raw = weightProfile().weights();
    double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<Dimension, Double> normalised = new EnumMap<>(Dimension.class);
    raw.forEach((dimension, weight) -> normalised.put(dimension, weight / sum));
    return normalised;
  }

  /** Returns the thresholds in force for a call of {@code model} from {@code serviceName}. */
  public Thresholds thresholdsFor(String serviceName, String model) {
    Thresholds base = baseThresholds();
    List<ThresholdOverride> matching = null;
    for (ThresholdOverride override : overrides) {
      if (override.matches(serviceName, model)) {
        if (matching == null) {
          matching = new ArrayList<>();
        }
        matching.add(override);
      }
    }
    if (matching == null) {
      // The common case: no override applies, and the thresholds are the same for every call.
      return base;
    }
    Map<Dimension, Double> resolved = new EnumMap<>(base.dimensions());
    double composite = base.composite();
    matching.sort(Comparator.comparingInt(ThresholdOverride::specificity));
    for (ThresholdOverride override : matching) {
      resolved.putAll(override.thresholds());
      if (override.compositeThreshold() != null) {
        composite = override.compositeThreshold();
      }
    }
    return new Thresholds(resolved, composite);
  }

  // The thresholds before any override, resolved once: the configuration is immutable, and a
  // racing first call only computes the same value twice.
  private Thresholds baseThresholds() {
    Thresholds base = baseThresholds;
    if (base == null) {
      WeightProfile profileInForce = WeightProfile.named(profile);
      Map<Dimension, Double> resolved = new EnumMap<>(DEFAULT_THRESHOLDS);
      resolved.putAll(profileInForce.thresholds());
      resolved.putAll(thresholds);
      double composite =
          compositeThreshold != null ? compositeThreshold : profileInForce.compositeThreshold();
      base = new Thresholds(resolved, composite);
      baseThresholds = base;
    }
    return base;
  }

  /** Returns the per-service / per-model threshold overrides. */
  public List<ThresholdOverride> overrides() {
    return overrides;
  }

  /** Returns the latency SLA in milliseconds; 0 disables the latency check. */
  public long latencySlaMillis() {
    return latencySlaMillis;
  }

  /** Returns the token budget per call used until a model's baseline is learned. */
  public long costBudgetTokens() {
    return costBudgetTokens;
  }

  /** Returns the golden set: reference answers keyed by prompt. */
  public Map<String, String> goldenAnswers() {
    return goldenAnswers;
  }

  /** Returns the regions whose national phone-number formats are recognised. */
  public List<String> phoneRegions() {
    return phoneRegions;
  }

  /** Returns the number of prompts whose recent answers are kept for the variance check. */
  public int varianceMaxPrompts() {
    return varianceMaxPrompts;
  }

  /** Returns the number of recent answers kept per prompt. */
  public int varianceAnswersPerPrompt() {
    return varianceAnswersPerPrompt;
  }

  /** Returns how long answers to a prompt are remembered after the last one. */
  public Duration varianceTtl() {
    return varianceTtl;
  }

  /**
   * Thresholds resolved for one call.
   *
   * @param dimensions threshold per dimension
   * @param composite composite threshold
   */
  public record Thresholds(Map<Dimension, Double> dimensions, double composite) {
    /** Copies the map. */
    public Thresholds {
      dimensions = Map.copyOf(dimensions);
    }

    /** Returns the threshold of {@code dimension}. */
    public double of(Dimension dimension) {
      return dimensions.get(dimension);
    }
  }

  /** Mutable builder; not thread-safe. Starts from the defaults. */
  public static final class Builder {
    private String profile = WeightProfile.DEFAULT.name();
    private final Map<Dimension, Double> weights = new EnumMap<>(Dimension.class);
    private final Map<Dimension, Double> thresholds = new EnumMap<>(Dimension.class);
    private Double compositeThreshold;
    private final List<ThresholdOverride> overrides = new ArrayList<>();
    private long latencySlaMillis = DEFAULT_LATENCY_SLA_MILLIS;
    private long costBudgetTokens = DEFAULT_COST_BUDGET_TOKENS;
    private final Map<String, String> goldenAnswers = new LinkedHashMap<>();
    private List<String> phoneRegions = new ArrayList<>(PiiScanner.DEFAULT_PHONE_REGIONS);
    private int varianceMaxPrompts = DEFAULT_VARIANCE_MAX_PROMPTS;
    private int varianceAnswersPerPrompt = DEFAULT_VARIANCE_ANSWERS_PER_PROMPT;
    private Duration varianceTtl = DEFAULT_VARIANCE_TTL;

    private Builder() {}

    /** Sets the weight profile by name ({@code scoring.profile}, default {@code default}). */
    public Builder setProfile(String profile) {
      this.profile = profile;
      return this;
    }

    /** Sets a custom weight that replaces the profile's ({@code scoring.weights.<dim>}). */
    public Builder setWeight(Dimension dimension, double weight) {
      weights.put(Objects.requireNonNull(dimension, "dimension"), weight);
      return this;
    }

    /** Sets the threshold of one dimension ({@code scoring.thresholds.<dim>}). */
    public Builder setThreshold(Dimension dimension, double threshold) {
      thresholds.put(Objects.requireNonNull(dimension, "dimension"), threshold);
      return this;
    }

    /** Sets the composite threshold ({@code scoring.thresholds.composite}, default 0.70). */
    public Builder setCompositeThreshold(double threshold) {
      this.compositeThreshold = threshold;
      return this;
    }

    /** Adds thresholds for one service and/or model ({@code scoring.overrides}). */
    public Builder addOverride(ThresholdOverride override) {
      overrides.add(Objects.requireNonNull(override, "override"));
      return this;
    }

    /** Sets the latency SLA in milliseconds, 0 to disable ({@code scoring.latency_sla}). */
    public Builder setLatencySlaMillis(long latencySlaMillis) {
      this.latencySlaMillis = latencySlaMillis;
      return this;
    }

    /** Sets the token budget per call used before a baseline exists. */
    public Builder setCostBudgetTokens(long costBudgetTokens) {
      this.costBudgetTokens = costBudgetTokens;
      return this;
    }

    /** Replaces the golden set of reference answers keyed by prompt. */
    public Builder setGoldenAnswers(Map<String, String> goldenAnswers) {
      this.goldenAnswers.clear();
      this.goldenAnswers.putAll(goldenAnswers);
      return this;
    }

    /** Sets the regions whose national phone formats are recognised (ISO 3166 codes). */
    public Builder setPhoneRegions(List<String> phoneRegions) {
      this.phoneRegions = new ArrayList<>(phoneRegions);
      return this;
    }

    /** Sets the size and lifetime of the cross-run answer history. */
    public Builder setVarianceHistory(int maxPrompts, int answersPerPrompt, Duration ttl) {
      this.varianceMaxPrompts = maxPrompts;
      this.varianceAnswersPerPrompt = answersPerPrompt;
      this.varianceTtl = ttl;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException naming every invalid key, its value and what was expected
     */
    public ScoringConfig build() {
      List<String> problems = new ArrayList<>();
      if (WeightProfile.named(profile) == null) {
        StringJoiner names = new StringJoiner(", ");
        WeightProfile.BUILT_IN.forEach(p -> names.add(p.name()));
        problems.add("scoring.profile: " + profile + " (expected: one of " + names + ")");
      }
      weights.forEach(
          (dimension, weight) -> {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
              problems.add(
                  "scoring.weights."
                      + dimension.key()
                      + ": "
                      + weight
                      + " (expected: finite value >= 0)");
            }
          });
      if (problems.isEmpty() && sumOfWeights() <= 0) {
        problems.add("scoring.weights: all zero (expected: at least one weight > 0)");
      }
      thresholds.forEach(
          (dimension, value) ->
              checkUnit(problems, "scoring.thresholds." + dimension.key(), value));
      if (compositeThreshold != null) {
        checkUnit(problems, "scoring.thresholds.composite", compositeThreshold);
      }
      for (int i = 0; i < overrides.size(); i++) {
        checkOverride(problems, i, overrides.get(i));
      }
      if (latencySlaMillis < 0) {
        problems.add("scoring.latency_sla: " + latencySlaMillis + "ms (expected: >= 0)");
      }
      if (costBudgetTokens <= 0) {
        problems.add("scoring.cost.budget_tokens: " + costBudgetTokens + " (expected: > 0)");
      }
      checkVariance(problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new ScoringConfig(this);
    }

    private double sumOfWeights() {
      Map<Dimension, Double> merged = new EnumMap<>(WeightProfile.named(profile).weights());
      merged.putAll(weights);
      return merged.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private void checkOverride(List<String> problems, int index, ThresholdOverride override) {
      String key = "scoring.overrides[" + index + "]";
      if (override.serviceName() == null && override.model() == null) {
        problems.add(key + ": no selector (expected: service_name and/or model)");
      }
      override
          .thresholds()
          .forEach(
              (dimension, value) ->
                  checkUnit(problems, key + ".thresholds." + dimension.key(), value));
      if (override.compositeThreshold() != null) {
        checkUnit(problems, key + ".thresholds.composite", override.compositeThreshold());
      }
    }

    private void checkVariance(List<String> problems) {
      if (varianceMaxPrompts <= 0) {
        problems.add("scoring.variance.max_prompts: " + varianceMaxPrompts + " (expected: > 0)");
      }
      if (varianceAnswersPerPrompt < 2) {
        problems.add(
            "scoring.variance.answers_per_prompt: "
                + varianceAnswersPerPrompt
                + " (expected: >= 2)");
      }
      if (varianceTtl == null || varianceTtl.isNegative() || varianceTtl.isZero()) {
        problems.add("scoring.variance.ttl: " + varianceTtl + " (expected: > 0s)");
      }
      for (String region : phoneRegions) {
        if (region == null || !region.matches("[A-Z]{2}")) {
          problems.add(
              "scoring.safety.phone_regions: " + region + " (expected: ISO 3166 alpha-2 code)");
        }
      }
    }

    private static void checkUnit(List<String> problems, String key, double value) {
      if (!(value >= 0.0 && value <= 1.0)) {
        problems.add(key + ": " + value + " (expected: 0 <= value <= 1)");
      }
    }
  }
}
