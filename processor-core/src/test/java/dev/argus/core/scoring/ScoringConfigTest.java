package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringConfigTest {

  @Test
  void defaults_haveIssueWeightsAndThresholds() {
    ScoringConfig config = ScoringConfig.defaults();

    Map<Dimension, Double> weights = config.normalisedWeights();
    assertEquals(0.20, weights.get(Dimension.GROUNDEDNESS), 1e-9);
    assertEquals(0.20, weights.get(Dimension.ACCURACY), 1e-9);
    assertEquals(0.15, weights.get(Dimension.RELIABILITY), 1e-9);
    assertEquals(0.15, weights.get(Dimension.VARIANCE), 1e-9);
    assertEquals(0.10, weights.get(Dimension.INFERENCE_COST), 1e-9);
    assertEquals(0.20, weights.get(Dimension.SAFETY), 1e-9);
    ScoringConfig.Thresholds thresholds = config.thresholdsFor(null, null);
    assertEquals(0.70, thresholds.composite());
    assertEquals(0.60, thresholds.of(Dimension.GROUNDEDNESS));
    assertEquals(0.65, thresholds.of(Dimension.ACCURACY));
    assertEquals(0.60, thresholds.of(Dimension.RELIABILITY));
    assertEquals(0.50, thresholds.of(Dimension.VARIANCE));
    assertEquals(0.40, thresholds.of(Dimension.INFERENCE_COST));
    assertEquals(0.80, thresholds.of(Dimension.SAFETY));
  }

  @Test
  void build_rejectsThresholdOutOfRange_namingKeyValueAndExpectation() {
    ScoringConfig.Builder builder = ScoringConfig.builder().setThreshold(Dimension.SAFETY, 1.5);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals("scoring.thresholds.safety: 1.5 (expected: 0 <= value <= 1)", e.getMessage());
  }

  @Test
  void build_reportsAllProblemsAtOnce() {
    ScoringConfig.Builder builder =
        ScoringConfig.builder()
            .setProfile("retail")
            .setWeight(Dimension.VARIANCE, -1)
            .setCompositeThreshold(Double.NaN);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals(
        "scoring.profile: retail (expected: one of default, enterprise, healthcare, finance,"
            + " consumer, agentic); scoring.weights.variance: -1.0 (expected: finite value >= 0);"
            + " scoring.thresholds.composite: NaN (expected: 0 <= value <= 1)",
        e.getMessage());
  }

  @Test
  void build_rejectsAllZeroWeights() {
    ScoringConfig.Builder builder = ScoringConfig.builder();
    for (Dimension dimension : Dimension.values()) {
      builder.setWeight(dimension, 0);
    }

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals("scoring.weights: all zero (expected: at least one weight > 0)", e.getMessage());
  }

  @Test
  void build_rejectsOverrideWithoutSelector() {
    ScoringConfig.Builder builder =
        ScoringConfig.builder()
            .addOverride(new ThresholdOverride(null, null, Map.of(Dimension.SAFETY, 2.0), null));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals(
        "scoring.overrides[0]: no selector (expected: service_name and/or model);"
            + " scoring.overrides[0].thresholds.safety: 2.0 (expected: 0 <= value <= 1)",
        e.getMessage());
  }

  @Test
  void toBuilder_keepsSettingsAndAllowsChanges() {
    ScoringConfig config =
        ScoringConfig.builder().setProfile("finance").setThreshold(Dimension.VARIANCE, 0.3).build();

    ScoringConfig changed = config.toBuilder().setCompositeThreshold(0.5).build();

    assertEquals("finance", changed.profile());
    assertEquals(0.3, changed.thresholdsFor(null, null).of(Dimension.VARIANCE));
    assertEquals(0.5, changed.thresholdsFor(null, null).composite());
    assertEquals(0.75, config.thresholdsFor(null, null).composite());
  }

  @Test
  void customWeight_replacesProfileWeightBeforeNormalising() {
    ScoringConfig config = ScoringConfig.builder().setWeight(Dimension.SAFETY, 0.70).build();

    Map<Dimension, Double> weights = config.normalisedWeights();

    assertEquals(0.70 / 1.50, weights.get(Dimension.SAFETY), 1e-9);
    assertEquals(0.20 / 1.50, weights.get(Dimension.GROUNDEDNESS), 1e-9);
  }
}
