package dev.argus.core.scoring.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Fixtures;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BL-33: fences, truncation and junk are told apart when JSON was requested. */
class Bl33JsonValidityTest {

  private static final JsonNode CASE = Fixtures.json("fixtures/edge-cases/BL-33.json");
  private final ReliabilityScorer scorer = new ReliabilityScorer(0);

  static GenAiCall call(JsonNode item) {
    return GenAiCall.builder()
        .setOperation("chat")
        .setCompletion(item.get("completion").asText())
        .setFinishReasons(List.of(item.get("finish_reason").asText()))
        .setRequestedFormat(item.get("expects_json").asBoolean() ? "json" : null)
        .setContentStatus(ContentStatus.CAPTURED)
        .build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "j01, valid, false",
    "j02, valid, true",
    "j03, valid, true",
    "j04, not a JSON document, false",
    "j05, truncated, false",
    "j06, malformed, false",
    "j07, malformed, false",
    "j09, valid, false"
  })
  void completion_getsCategory(String id, String category, boolean fenced) {
    GenAiCall call = call(Fixtures.item(CASE, id));

    JsonCheck.Result result = JsonCheck.check(call.completion());
    DimensionScore score = scorer.score(ScoringInput.of(call));

    assertEquals(category, result.status().label());
    assertEquals(fenced, result.fenced());
    assertEquals(category, score.evidence().get("json"));
    if (category.equals("valid")) {
      assertEquals(1.0, score.value());
    } else {
      assertTrue(score.value() < 0.6, score.toString());
    }
  }

  @Test
  void fourBacktickFence_keepsInnerFenceInStringValue() {
    JsonCheck.Result result =
        JsonCheck.check(Fixtures.item(CASE, "j03").get("completion").asText());

    assertEquals("Wrap code in ``` fences", result.value().get("answer").asText());
  }

  @Test
  void truncatedByLength_namesTheTokenLimit() {
    DimensionScore score = scorer.score(ScoringInput.of(call(Fixtures.item(CASE, "j05"))));

    assertTrue(
        score.explanation().contains("truncated by the output token limit"), score.toString());
    assertFalse(score.explanation().contains("malformed"));
  }

  @Test
  void jsonNotRequested_hasNoJsonVerdict() {
    DimensionScore score = scorer.score(ScoringInput.of(call(Fixtures.item(CASE, "j08"))));

    assertFalse(score.evidence().containsKey("json"));
    assertEquals(1.0, score.value());
  }
}
