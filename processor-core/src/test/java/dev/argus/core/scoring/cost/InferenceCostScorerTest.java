package dev.argus.core.scoring.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.TokenUsage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceCostScorerTest {

  private final InferenceCostScorer scorer =
      new InferenceCostScorer(
          new CostBaseline(10, Duration.ofHours(1), Ticker.systemTicker()), 1000);

  private DimensionScore score(String model, long input, long output, String completion) {
    return scorer.score(
        ScoringInput.of(
            GenAiCall.builder()
                .setRequestModel(model)
                .setCompletion(completion)
                .setFinishReasons(List.of("stop"))
                .setUsage(new TokenUsage(input, output, null, null, null))
                .setContentStatus(ContentStatus.CAPTURED)
                .build()));
  }

  @Test
  void noUsage_isNotApplicable() {
    DimensionScore score =
        scorer.score(ScoringInput.of(GenAiCall.builder().setCompletion("Hi").build()));

    assertFalse(score.applicable());
    assertEquals("no token usage reported", score.explanation());
  }

  @Test
  void beforeBaseline_isJudgedAgainstTheBudget() {
    assertEquals(1.0, score("m", 600, 300, "An answer.").value());
    assertEquals(0.25, score("m", 3000, 1000, "An answer.").value(), 1e-9);
  }

  @Test
  void learnedBaseline_judgesAgainstTheModelsRecentMean() {
    for (int i = 0; i < InferenceCostScorer.MIN_SAMPLES; i++) {
      score("small", 80, 20, "Short answer.");
    }

    DimensionScore typical = score("small", 80, 20, "Short answer.");
    DimensionScore heavy = score("small", 300, 100, "Short answer.");

    assertEquals(1.0, typical.value());
    assertEquals("learned", heavy.evidence().get("baseline"));
    assertTrue(heavy.value() < 0.4, heavy.toString());
  }

  @Test
  void refusal_deliversLittleValue() {
    DimensionScore score = score("m", 500, 40, "I'm sorry, but I can't help with that.");

    assertEquals(0.5, score.value());
    assertEquals("refusal", score.evidence().get("low_value"));
  }

  @Test
  void callUnderBudget_explainedAsPercentage() {
    DimensionScore small = score("tiny-model", 20, 10, "Hello there.");
    DimensionScore large = score("tiny-model-2", 1500, 500, "Hello there.");

    assertEquals("30 tokens, 3% of the budget of 1000", small.explanation());
    assertEquals("2000 tokens, 2.0x the budget of 1000", large.explanation());
  }
}
