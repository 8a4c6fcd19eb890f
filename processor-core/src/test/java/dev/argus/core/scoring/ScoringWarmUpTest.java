package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoringWarmUpTest {

  @Test
  void representativeCall_reachesEveryDimensionThatNeedsLoading() {
    Evaluation evaluation =
        new GenAiEvaluator(ScoringConfig.defaults())
            .evaluate(ScoringInput.of(ScoringWarmUp.representativeCall()));

    assertTrue(evaluation.scores().get(Dimension.GROUNDEDNESS).applicable());
    assertTrue(evaluation.scores().get(Dimension.RELIABILITY).applicable());
    DimensionScore safety = evaluation.scores().get(Dimension.SAFETY);
    assertTrue(safety.value() < 1.0, "the contact data must reach the PII scanners");
  }
}
