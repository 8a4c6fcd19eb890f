package dev.argus.core.scoring.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccuracyScorerTest {

  private static GenAiCall call(String prompt, String completion) {
    return GenAiCall.builder()
        .setPrompt(prompt)
        .setCompletion(completion)
        .setContentStatus(ContentStatus.CAPTURED)
        .build();
  }

  @Test
  void referenceAnswer_agreeingAnswerScoresHigh() {
    AccuracyScorer scorer = new AccuracyScorer(GoldenSet.EMPTY);
    GenAiCall call = call("Capital of Australia?", "The capital of Australia is Canberra.");

    DimensionScore score = scorer.score(new ScoringInput(call, null, "Canberra"));

    assertEquals(1.0, score.value());
    assertEquals("reference", score.evidence().get("reference_source"));
  }

  @Test
  void referenceAnswer_wrongNumberScoresLow() {
    AccuracyScorer scorer = new AccuracyScorer(GoldenSet.EMPTY);
    GenAiCall call = call("How many days are daily snapshots kept?", "They are kept for 90 days.");

    DimensionScore score = scorer.score(new ScoringInput(call, null, "35 days"));

    assertTrue(score.value() < 0.65, score.toString());
    assertEquals(List.of("35"), score.evidence().get("missing_terms"));
  }

  @Test
  void goldenSet_isMatchedByNormalisedPrompt() {
    AccuracyScorer scorer =
        new AccuracyScorer(GoldenSet.of(Map.of("What is the refund window?", "30 days")));
    GenAiCall call = call("  what is the REFUND window ", "Refunds are possible within 14 days.");

    DimensionScore score = scorer.score(ScoringInput.of(call));

    assertEquals("golden_set", score.evidence().get("reference_source"));
    assertTrue(score.value() < 0.65, score.toString());
  }

  @Test
  void noReference_wrongArithmeticIsInconsistent() {
    AccuracyScorer scorer = new AccuracyScorer(GoldenSet.EMPTY);
    GenAiCall call = call("Add the items.", "The subtotal is 12 + 30 = 40 dollars.");

    DimensionScore score = scorer.score(ScoringInput.of(call));

    assertEquals(0.3, score.value());
    assertEquals(List.of("arithmetic"), score.evidence().get("inconsistencies"));
  }

  @Test
  void noReference_impossibleSharesAndSelfContradiction() {
    AccuracyScorer scorer = new AccuracyScorer(GoldenSet.EMPTY);
    GenAiCall call =
        call(
            "Summarise the survey.",
            "Of the staff, 60% chose remote, 30% chose hybrid and 25% chose office. "
                + "The survey results were published internally. "
                + "The survey results were not published internally.");

    DimensionScore score = scorer.score(ScoringInput.of(call));

    assertEquals(0.15, score.value());
    assertEquals(
        List.of("impossible_total", "self_contradiction"), score.evidence().get("inconsistencies"));
  }

  @Test
  void noReference_consistentAnswerIsNotApplicable() {
    AccuracyScorer scorer = new AccuracyScorer(GoldenSet.EMPTY);

    DimensionScore score =
        scorer.score(ScoringInput.of(call("Hi", "Paris is the capital of France; 2 + 2 = 4.")));

    assertFalse(score.applicable());
    assertEquals("no reference answer and no internal inconsistency", score.explanation());
  }
}
