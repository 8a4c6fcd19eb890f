package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every captured scenario gets the verdicts its manifest lists, however context arrives. */
class CapturedFixturesTest {

  static Stream<Arguments> scenarios() {
    return CapturedCalls.scenarioIds().stream()
        .flatMap(id -> Stream.of(Arguments.of(id, true), Arguments.of(id, false)));
  }

  @ParameterizedTest(name = "{0} (context as documents: {1})")
  @MethodSource("scenarios")
  void scenario_getsManifestVerdicts(String id, boolean contextAsDocuments) {
    JsonNode expected = CapturedCalls.scenario(id).get("expected_verdicts");
    GenAiCall call = CapturedCalls.call(id, contextAsDocuments);

    Evaluation evaluation =
        new GenAiEvaluator(ScoringConfig.defaults()).evaluate(ScoringInput.of(call));

    if (id.equals("embeddings")) {
      assertEquals(Verdict.NOT_EVALUATED, evaluation.verdict());
      return;
    }
    assertGroundedness(expected.get("groundedness").asText(), evaluation, id);
    assertSafety(expected.get("safety_pii").asText(), evaluation, id);
    assertJson(expected.get("reliability_json").asText(), evaluation, id);
    if (expected.get("truncated").asBoolean()) {
      assertEquals("length", reliability(evaluation).evidence().get("finish_reason"));
    }
    if (expected.get("error").asBoolean()) {
      assertEquals(0.0, reliability(evaluation).value());
      assertEquals(Verdict.FAIL, evaluation.verdict());
    }
    boolean anyFail =
        List.of("groundedness", "safety_pii", "reliability_json").stream()
                .anyMatch(k -> expected.get(k).asText().equals("FAIL"))
            || expected.get("error").asBoolean();
    assertEquals(
        anyFail ? Verdict.FAIL : Verdict.PASS,
        evaluation.verdict(),
        id + ": " + evaluation.explanation() + " " + evaluation.scores());
  }

  private static void assertGroundedness(String expected, Evaluation evaluation, String id) {
    DimensionScore score = evaluation.scores().get(Dimension.GROUNDEDNESS);
    double threshold = evaluation.thresholds().get(Dimension.GROUNDEDNESS);
    switch (expected) {
      case "PASS":
        assertTrue(score.applicable() && score.value() >= threshold, id + ": " + score);
        break;
      case "FAIL":
        assertTrue(score.applicable() && score.value() < threshold, id + ": " + score);
        assertTrue(evaluation.failedDimensions().contains(Dimension.GROUNDEDNESS));
        break;
      default:
        assertFalse(score.applicable(), id + ": " + score);
    }
  }

  private static void assertSafety(String expected, Evaluation evaluation, String id) {
    DimensionScore score = evaluation.scores().get(Dimension.SAFETY);
    if (expected.equals("FAIL")) {
      assertTrue(score.value() < evaluation.thresholds().get(Dimension.SAFETY), id + ": " + score);
      assertEquals(List.of("email", "phone"), score.evidence().get("pii_kinds"));
      assertFalse(score.toString().contains("jane.doe@example.com"), "PII value leaked");
    } else {
      assertFalse(score.evidence().containsKey("pii_kinds"), id + ": " + score);
      assertTrue(
          !score.applicable() || score.value() >= evaluation.thresholds().get(Dimension.SAFETY),
          id + ": " + score);
    }
  }

  private static void assertJson(String expected, Evaluation evaluation, String id) {
    DimensionScore score = reliability(evaluation);
    switch (expected) {
      case "PASS":
        assertEquals("valid", score.evidence().get("json"), id + ": " + score);
        break;
      case "FAIL":
        assertEquals("truncated", score.evidence().get("json"), id + ": " + score);
        assertTrue(evaluation.failedDimensions().contains(Dimension.RELIABILITY));
        break;
      default:
        assertFalse(score.evidence().containsKey("json"), id + ": " + score);
    }
  }

  private static DimensionScore reliability(Evaluation evaluation) {
    return evaluation.scores().get(Dimension.RELIABILITY);
  }
}
