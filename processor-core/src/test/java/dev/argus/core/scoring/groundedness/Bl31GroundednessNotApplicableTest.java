package dev.argus.core.scoring.groundedness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Fixtures;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BL-31: no context, a refusal or an empty answer is "not applicable", never a stand-in score. */
class Bl31GroundednessNotApplicableTest {

  private static final JsonNode CASE = Fixtures.json("fixtures/edge-cases/BL-31.json");
  private final GroundednessScorer scorer = new GroundednessScorer();

  static GenAiCall call(JsonNode item) {
    GenAiCall.Builder call =
        GenAiCall.builder()
            .setOperation("chat")
            .setPrompt(item.get("prompt").asText())
            .setCompletion(item.get("completion").asText())
            .setContentStatus(ContentStatus.CAPTURED);
    JsonNode context = item.get("context");
    if (context != null && context.isArray()) {
      for (JsonNode document : context) {
        call.addRetrievedDocument(new RetrievedDocument(null, null, document.asText()));
      }
    }
    return call.build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "g01, no context",
    "g02, no context",
    "g03, no context",
    "g04, refusal",
    "g05, empty completion"
  })
  void notApplicable_withReason(String id, String reason) {
    DimensionScore score = scorer.score(ScoringInput.of(call(Fixtures.item(CASE, id))));

    assertFalse(score.applicable());
    assertEquals(reason, score.explanation());
  }

  @Test
  void groundedAnswer_scoresAtOrAboveThreshold() {
    DimensionScore score = scorer.score(ScoringInput.of(call(Fixtures.item(CASE, "g06"))));

    assertTrue(score.applicable());
    assertTrue(score.value() >= 0.60 && score.value() <= 1.0, score.toString());
  }

  @Test
  void notApplicable_isLeftOutOfVerdictAndComposite() {
    GenAiEvaluator evaluator = new GenAiEvaluator(ScoringConfig.defaults());

    var evaluation = evaluator.evaluate(ScoringInput.of(call(Fixtures.item(CASE, "g01"))));

    assertFalse(
        evaluation.failedDimensions().contains(dev.argus.core.scoring.Dimension.GROUNDEDNESS));
    assertTrue(evaluation.composite() == null || !evaluation.composite().isNaN());
  }
}
