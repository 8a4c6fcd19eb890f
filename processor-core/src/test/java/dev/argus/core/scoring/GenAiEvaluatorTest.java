package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenAiEvaluatorTest {

  private final GenAiEvaluator evaluator = new GenAiEvaluator(ScoringConfig.defaults());

  private static GenAiCall.Builder chat(String prompt, String completion) {
    return GenAiCall.builder()
        .setOperation("chat")
        .setRequestModel("gpt-4o-mini")
        .setPrompt(prompt)
        .setCompletion(completion)
        .setFinishReasons(List.of("stop"))
        .setContentStatus(ContentStatus.CAPTURED);
  }

  @Test
  void evaluate_contentNotCaptured_isNotEvaluatedWithoutScores() {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("chat")
            .setUsage(new TokenUsage(100L, 20L, null, null, null))
            .setContentStatus(ContentStatus.NOT_CAPTURED)
            .build();

    Evaluation evaluation = evaluator.evaluate(ScoringInput.of(call));

    assertEquals(Verdict.NOT_EVALUATED, evaluation.verdict());
    assertNull(evaluation.composite());
    assertTrue(evaluation.scores().isEmpty());
    assertEquals("content not captured", evaluation.explanation());
  }

  @Test
  void evaluate_emptyCompletion_isNotEvaluated() {
    Evaluation evaluation = evaluator.evaluate(ScoringInput.of(chat("Hello?", "").build()));

    assertEquals(Verdict.NOT_EVALUATED, evaluation.verdict());
    assertEquals("no completion", evaluation.explanation());
  }

  @Test
  void composite_leavesOutNotApplicableDimensionsAndRenormalises() {
    // No context, no reference, no usage: groundedness, accuracy and cost do not apply.
    GenAiCall call =
        chat("What is the capital of France?", "Paris is the capital of France.").build();

    Evaluation evaluation = evaluator.evaluate(ScoringInput.of(call));

    assertFalse(evaluation.scores().get(Dimension.GROUNDEDNESS).applicable());
    assertFalse(evaluation.scores().get(Dimension.ACCURACY).applicable());
    assertFalse(evaluation.scores().get(Dimension.INFERENCE_COST).applicable());
    double r = evaluation.scores().get(Dimension.RELIABILITY).value();
    double v = evaluation.scores().get(Dimension.VARIANCE).value();
    double s = evaluation.scores().get(Dimension.SAFETY).value();
    double expected = (0.15 * r + 0.15 * v + 0.20 * s) / 0.50;
    assertEquals(expected, evaluation.composite(), 1e-9);
    assertEquals(Verdict.PASS, evaluation.verdict());
  }

  @Test
  void evaluate_failingDimension_failsWithExplanationAndSeverity() {
    GenAiCall call =
        chat("How long are snapshots kept?", "Snapshots are kept for 90 days.")
            .addRetrievedDocument(
                new RetrievedDocument("d1", null, "Snapshots are retained for 35 days."))
            .build();

    Evaluation evaluation = evaluator.evaluate(ScoringInput.of(call));

    assertEquals(Verdict.FAIL, evaluation.verdict());
    assertEquals(List.of(Dimension.GROUNDEDNESS), evaluation.failedDimensions());
    assertTrue(evaluation.explanation().startsWith("groundedness 0."), evaluation.explanation());
    assertTrue(evaluation.explanation().contains("90"), evaluation.explanation());
    assertTrue(evaluation.severity().compareTo(Severity.MEDIUM) >= 0);
  }

  @Test
  void evaluate_failedCall_failsReliability() {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("chat")
            .setPrompt("Summarise the agreement.")
            .setErrorType("BadRequestError")
            .setContentStatus(ContentStatus.CAPTURED)
            .build();

    Evaluation evaluation = evaluator.evaluate(ScoringInput.of(call));

    assertEquals(Verdict.FAIL, evaluation.verdict());
    assertEquals(0.0, evaluation.scores().get(Dimension.RELIABILITY).value());
    assertEquals(Severity.CRITICAL, evaluation.severity(Dimension.RELIABILITY));
  }
}
