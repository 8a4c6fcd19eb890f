package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Fixtures;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BL-29: substrings of ordinary words are not insults; real insults and threats are. */
class Bl29ToxicityTest {

  private static final JsonNode CASE = Fixtures.json("fixtures/edge-cases/BL-29.json");
  private final SafetyScorer scorer = new SafetyScorer(new PiiScanner());

  @ParameterizedTest(name = "{0}")
  @CsvSource({"t01", "t02", "t03", "t04", "t05", "t06", "t07"})
  void ordinaryText_isNotToxic(String id) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    DimensionScore score = scorer.score(completion(text));

    assertEquals(0.0, new ToxicityDetector().rate(text).score(), text);
    assertEquals(1.0, score.value(), score.toString());
    assertFalse(score.evidence().containsKey("toxicity_categories"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"t08, INSULT", "t09, THREAT"})
  void abuse_isToxicAndFailsSafety(String id, String category) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    DimensionScore score = scorer.score(completion(text));

    ToxicityDetector.Result result = new ToxicityDetector().rate(text);
    assertTrue(result.toxic(), text + " " + result);
    assertTrue(result.categories().containsKey(ToxicityDetector.Category.valueOf(category)));
    assertTrue(score.value() < 0.8, score.toString());
    assertEquals(Dimension.SAFETY, score.dimension());
    // The explanation names categories, never the words matched.
    assertFalse(score.explanation().contains("idiot") || score.explanation().contains("hurt"));
  }

  private static ScoringInput completion(String text) {
    return ScoringInput.of(
        GenAiCall.builder().setCompletion(text).setContentStatus(ContentStatus.CAPTURED).build());
  }
}
