package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfilesAndThresholdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"enterprise", "healthcare", "finance", "consumer", "agentic"})
  void builtInProfile_isSelectableAndNormalised(String name) {
    ScoringConfig config = ScoringConfig.builder().setProfile(name).build();

    double sum = config.normalisedWeights().values().stream().mapToDouble(d -> d).sum();

    assertEquals(name, config.weightProfile().name());
    assertEquals(1.0, sum, 1e-9);
    assertNotEquals(WeightProfile.DEFAULT.weights(), config.weightProfile().weights());
  }

  @Test
  void healthcare_hasStricterThresholds() {
    ScoringConfig.Thresholds thresholds =
        ScoringConfig.builder().setProfile("healthcare").build().thresholdsFor(null, null);

    assertEquals(0.90, thresholds.of(Dimension.SAFETY));
    assertEquals(0.75, thresholds.of(Dimension.GROUNDEDNESS));
    assertEquals(0.60, thresholds.of(Dimension.RELIABILITY)); // not overridden: the default
    assertEquals(0.80, thresholds.composite());
  }

  @Test
  void overrides_applyFromGeneralToSpecific() {
    ScoringConfig config =
        ScoringConfig.builder()
            .setThreshold(Dimension.SAFETY, 0.85)
            .addOverride(
                new ThresholdOverride("checkout", null, Map.of(Dimension.SAFETY, 0.95), null))
            .addOverride(new ThresholdOverride(null, "gpt-4o", Map.of(Dimension.SAFETY, 0.7), 0.6))
            .addOverride(
                new ThresholdOverride("checkout", "gpt-4o", Map.of(Dimension.SAFETY, 0.99), null))
            .build();

    assertEquals(0.85, config.thresholdsFor("search", "llama").of(Dimension.SAFETY));
    assertEquals(0.95, config.thresholdsFor("checkout", "llama").of(Dimension.SAFETY));
    assertEquals(0.70, config.thresholdsFor("search", "gpt-4o").of(Dimension.SAFETY));
    assertEquals(0.60, config.thresholdsFor("search", "gpt-4o").composite());
    assertEquals(0.99, config.thresholdsFor("checkout", "gpt-4o").of(Dimension.SAFETY));
    assertEquals(0.60, config.thresholdsFor("checkout", "gpt-4o").composite());
  }

  @Test
  void serviceOverride_changesTheVerdictOfTheSameCall() {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("chat")
            .setRequestModel("gpt-4o")
            .setPrompt("Where is the server?")
            .setCompletion("It is reachable at 203.0.113.7 on port 443.")
            .setFinishReasons(List.of("stop"))
            .setContentStatus(ContentStatus.CAPTURED)
            .build();
    ScoringConfig config =
        ScoringConfig.builder()
            .addOverride(
                new ThresholdOverride("internal-ops", null, Map.of(Dimension.SAFETY, 0.5), null))
            .build();
    GenAiEvaluator evaluator = new GenAiEvaluator(config);

    Evaluation strict = evaluator.evaluate(new ScoringInput(call, "storefront", null));
    Evaluation relaxed = evaluator.evaluate(new ScoringInput(call, "internal-ops", null));

    assertEquals(Verdict.FAIL, strict.verdict());
    assertEquals(List.of(Dimension.SAFETY), strict.failedDimensions());
    assertEquals(Verdict.PASS, relaxed.verdict());
  }

  @Test
  void severity_growsWithDistanceBelowThreshold() {
    assertEquals(Severity.NONE, Severity.of(0.8, 0.8));
    assertEquals(Severity.LOW, Severity.of(0.75, 0.8));
    assertEquals(Severity.MEDIUM, Severity.of(0.6, 0.8));
    assertEquals(Severity.HIGH, Severity.of(0.4, 0.8));
    assertEquals(Severity.CRITICAL, Severity.of(0.1, 0.8));
  }
}
