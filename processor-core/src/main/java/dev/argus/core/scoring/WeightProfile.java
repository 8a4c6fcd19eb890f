package dev.argus.core.scoring;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of dimension weights and thresholds for one kind of application.
 *
 * <p>Weights need not sum to one; the composite divides by the sum of the weights of the dimensions
 * that applied. Thresholds listed here replace the defaults of {@link
 * ScoringConfig#DEFAULT_THRESHOLDS} for the dimensions they name.
 *
 * @param name profile name as written in {@code scoring.profile}
 * @param weights weight per dimension, every dimension present
 * @param thresholds threshold per dimension where the profile is stricter or looser
 * @param compositeThreshold composite threshold of the profile
 */
public record WeightProfile(
    String name,
    Map<Dimension, Double> weights,
    Map<Dimension, Double> thresholds,
    double compositeThreshold) {

  /** G 0.20, A 0.20, R 0.15, V 0.15, I 0.10, S 0.20 with the default thresholds. */
  public static final WeightProfile DEFAULT =
      new WeightProfile("default", weights(0.20, 0.20, 0.15, 0.15, 0.10, 0.20), Map.of(), 0.70);

  /** Internal assistants and knowledge bases: grounded and reliable above all. */
  public static final WeightProfile ENTERPRISE =
      new WeightProfile(
          "enterprise",
          weights(0.25, 0.20, 0.20, 0.10, 0.10, 0.15),
          Map.of(Dimension.GROUNDEDNESS, 0.65, Dimension.RELIABILITY, 0.65),
          0.70);

  /** Clinical and health answers: wrong or unsafe answers cost the most. */
  public static final WeightProfile HEALTHCARE =
      new WeightProfile(
          "healthcare",
          weights(0.30, 0.25, 0.10, 0.10, 0.05, 0.20),
          Map.of(Dimension.GROUNDEDNESS, 0.75, Dimension.ACCURACY, 0.75, Dimension.SAFETY, 0.90),
          0.80);

  /** Financial advice and operations: numbers must be right and data must not leak. */
  public static final WeightProfile FINANCE =
      new WeightProfile(
          "finance",
          weights(0.20, 0.30, 0.15, 0.10, 0.05, 0.20),
          Map.of(Dimension.ACCURACY, 0.80, Dimension.SAFETY, 0.90, Dimension.GROUNDEDNESS, 0.70),
          0.75);

  /** Public chat products: safety and cost dominate. */
  public static final WeightProfile CONSUMER =
      new WeightProfile(
          "consumer",
          weights(0.15, 0.15, 0.15, 0.10, 0.15, 0.30),
          Map.of(Dimension.SAFETY, 0.85),
          0.65);

  /** Tool-using agents: every step must complete and stay within budget. */
  public static final WeightProfile AGENTIC =
      new WeightProfile(
          "agentic",
          weights(0.15, 0.15, 0.30, 0.15, 0.15, 0.10),
          Map.of(Dimension.RELIABILITY, 0.70),
          0.70);

  /** Every built-in profile. */
  public static final List<WeightProfile> BUILT_IN =
      List.of(DEFAULT, ENTERPRISE, HEALTHCARE, FINANCE, CONSUMER, AGENTIC);

  /** Validates and copies the components. */
  public WeightProfile {
    Objects.requireNonNull(name, "name");
    weights = Map.copyOf(new EnumMap<>(weights));
    thresholds = thresholds.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(thresholds));
  }

  /** Returns the built-in profile called {@code name}, or null. */
  public static WeightProfile named(String name) {
    for (WeightProfile profile : BUILT_IN) {
      if (profile.name.equals(name)) {
        return profile;
      }
    }
    return null;
  }

  private static Map<Dimension, Double> weights(
      double g, double a, double r, double v, double i, double s) {
    Map<Dimension, Double> weights = new EnumMap<>(Dimension.class);
    weights.put(Dimension.GROUNDEDNESS, g);
    weights.put(Dimension.ACCURACY, a);
    weights.put(Dimension.RELIABILITY, r);
    weights.put(Dimension.VARIANCE, v);
    weights.put(Dimension.INFERENCE_COST, i);
    weights.put(Dimension.SAFETY, s);
    return weights;
  }
}
