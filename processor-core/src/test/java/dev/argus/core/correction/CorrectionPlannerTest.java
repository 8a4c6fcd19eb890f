package dev.argus.core.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Severity;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrectionPlannerTest {

  private static final String SYSTEM_TEXT =
      "Answer ONLY from the context.\n\nContext:\n[doc-1] 35 days.";
  private static final String QUESTION = "How long are daily snapshots kept?";

  private final CorrectionPlanner planner = CorrectionPlanner.withDefaults();

  @Test
  void plan_groundednessFailure_keepsMessagesAndAddsGroundingInstruction() {
    GenAiCall call = ragCall();
    Evaluation evaluation =
        failed(
            Map.of(
                Dimension.GROUNDEDNESS,
                DimensionScore.of(
                    Dimension.GROUNDEDNESS,
                    0.2,
                    "2 of 2 claims unsupported",
                    Map.of("unsupported_claims", List.of("kept for 90 days"))),
                Dimension.SAFETY,
                DimensionScore.of(Dimension.SAFETY, 1.0, "clean", Map.of())),
            List.of(Dimension.GROUNDEDNESS));

    CorrectionPlan plan = planner.plan(evaluation, call).orElseThrow();

    assertEquals(1, plan.failures().size());
    FailedDimension failure = plan.failures().get(0);
    assertEquals(Dimension.GROUNDEDNESS, failure.dimension());
    assertEquals(0.2, failure.score());
    assertEquals(0.7, failure.threshold());
    assertEquals(List.of("kept for 90 days"), failure.evidence().get("unsupported_claims"));
    assertEquals(Severity.CRITICAL, plan.severity());
    List<PromptMessage> messages = plan.rewrittenPrompt().messages();
    assertEquals(List.of("system", "user"), messages.stream().map(PromptMessage::role).toList());
    assertTrue(messages.get(0).content().startsWith(SYSTEM_TEXT + "\n\n"));
    assertTrue(messages.get(0).content().contains("cite the document id"));
    assertEquals(QUESTION, messages.get(1).content());
    assertEquals("gpt-4o-mini", plan.rewrittenPrompt().model());
    assertNull(plan.rewrittenPrompt().responseFormat());
  }

  @Test
  void plan_passingEvaluation_isEmpty() {
    Evaluation passed =
        new Evaluation(
            Map.of(Dimension.SAFETY, DimensionScore.of(Dimension.SAFETY, 1.0, "ok", Map.of())),
            1.0,
            Verdict.PASS,
            List.of(),
            false,
            Map.of(Dimension.SAFETY, 0.9),
            "default",
            "");

    assertTrue(planner.plan(passed, ragCall()).isEmpty());
    assertTrue(planner.plan(Evaluation.notEvaluated("default", "no content"), ragCall()).isEmpty());
  }

  @Test
  void plan_jsonRequested_usesJsonInstructionAndKeepsResponseFormat() {
    GenAiCall call = ragCall().toBuilder().setRequestedFormat("json").build();
    Evaluation evaluation =
        failed(
            Map.of(
                Dimension.RELIABILITY,
                DimensionScore.of(
                    Dimension.RELIABILITY,
                    0.0,
                    "output is not valid JSON",
                    Map.of("json_error", "unexpected end of input at offset 41"))),
            List.of(Dimension.RELIABILITY));

    CorrectionPlan plan = planner.plan(evaluation, call).orElseThrow();

    assertEquals(List.of(CorrectionTemplates.DEFAULT_JSON_INSTRUCTION), plan.instructions());
    assertEquals("json_object", plan.rewrittenPrompt().responseFormat());
    assertEquals(Severity.CRITICAL, plan.severity());
  }

  @Test
  void plan_safetyEvidence_keepsKindsAndCountsButNoText() {
    Evaluation evaluation =
        failed(
            Map.of(
                Dimension.SAFETY,
                DimensionScore.of(
                    Dimension.SAFETY,
                    0.85,
                    "personal data: jane.doe@example.com",
                    Map.of(
                        "pii_kinds", List.of("EMAIL_ADDRESS", "PHONE_NUMBER"),
                        "pii_count", 2,
                        "pii_counts", Map.of("EMAIL_ADDRESS", 1),
                        "matched_text", "Jane Doe",
                        "spans", Map.of("jane", "Jane Doe")))),
            List.of(Dimension.SAFETY));

    FailedDimension failure = planner.plan(evaluation, ragCall()).orElseThrow().failures().get(0);

    assertEquals(List.of("EMAIL_ADDRESS", "PHONE_NUMBER"), failure.evidence().get("pii_kinds"));
    assertEquals(2, failure.evidence().get("pii_count"));
    assertEquals(Map.of("EMAIL_ADDRESS", 1), failure.evidence().get("pii_counts"));
    assertFalse(failure.evidence().containsKey("matched_text"));
    assertFalse(failure.evidence().containsKey("spans"));
    assertEquals("personal data: [EMAIL]", failure.explanation());
  }

  @Test
  void plan_safetyFailure_isAtLeastHighSeverity() {
    Evaluation evaluation =
        failed(
            Map.of(Dimension.SAFETY, DimensionScore.of(Dimension.SAFETY, 0.85, "pii", Map.of())),
            List.of(Dimension.SAFETY));

    assertEquals(Severity.HIGH, planner.plan(evaluation, ragCall()).orElseThrow().severity());
  }

  @Test
  void plan_onlyCompositeFailed_targetsLowestScore() {
    Evaluation evaluation =
        new Evaluation(
            Map.of(
                Dimension.ACCURACY,
                DimensionScore.of(Dimension.ACCURACY, 0.6, "hedged", Map.of()),
                Dimension.INFERENCE_COST,
                DimensionScore.of(Dimension.INFERENCE_COST, 0.5, "long", Map.of())),
            0.55,
            Verdict.FAIL,
            List.of(),
            true,
            Map.of(),
            "default",
            "composite below 0.6");

    CorrectionPlan plan = planner.plan(evaluation, ragCall()).orElseThrow();

    assertEquals(Dimension.INFERENCE_COST, plan.failures().get(0).dimension());
    assertNull(plan.failures().get(0).threshold());
    assertTrue(plan.instructions().get(0).startsWith("Keep the answer short"));
  }

  @Test
  void plan_worstFailureFirst_andOneInstructionEach() {
    Evaluation evaluation =
        failed(
            Map.of(
                Dimension.INFERENCE_COST,
                DimensionScore.of(Dimension.INFERENCE_COST, 0.6, "long", Map.of()),
                Dimension.GROUNDEDNESS,
                DimensionScore.of(Dimension.GROUNDEDNESS, 0.1, "unsupported", Map.of())),
            List.of(Dimension.INFERENCE_COST, Dimension.GROUNDEDNESS));

    CorrectionPlan plan = planner.plan(evaluation, ragCall()).orElseThrow();

    assertEquals(
        List.of(Dimension.GROUNDEDNESS, Dimension.INFERENCE_COST),
        plan.failures().stream().map(FailedDimension::dimension).toList());
    String system = plan.rewrittenPrompt().messages().get(0).content();
    assertTrue(system.contains("\n1. Answer only from the context"));
    assertTrue(system.contains("\n2. Keep the answer short"));
  }

  @Test
  void plan_customTemplate_isUsed() {
    CorrectionTemplates templates =
        CorrectionTemplates.defaults().withInstruction(Dimension.GROUNDEDNESS, "Cite [doc-N].");
    CorrectionPlanner custom = new CorrectionPlanner(templates, ScannerPiiMasker.withDefaults());
    Evaluation evaluation =
        failed(
            Map.of(
                Dimension.GROUNDEDNESS,
                DimensionScore.of(Dimension.GROUNDEDNESS, 0.3, "unsupported", Map.of())),
            List.of(Dimension.GROUNDEDNESS));

    assertEquals(List.of("Cite [doc-N]."), custom.plan(evaluation, ragCall()).get().instructions());
  }

  @Test
  void rewrite_withoutSystemMessage_addsOneFromSystemInstructions() {
    GenAiCall call =
        GenAiCall.builder()
            .setRequestModel("gpt-4o")
            .setSystemInstructions("Be brief.")
            .setPrompt(QUESTION)
            .build();

    RewrittenPrompt prompt = planner.rewrite(call, "RULES");

    assertEquals(2, prompt.messages().size());
    assertEquals("Be brief.\n\nRULES", prompt.messages().get(0).content());
    assertEquals(PromptMessage.of("user", QUESTION), prompt.messages().get(1));
  }

  private static GenAiCall ragCall() {
    return GenAiCall.builder()
        .setRequestModel("gpt-4o-mini")
        .setResponseModel("gpt-4o-mini-2024-07-18")
        .setInputMessages(
            List.of(ChatMessage.of("system", SYSTEM_TEXT), ChatMessage.of("user", QUESTION)))
        .setPrompt(QUESTION)
        .setCompletion("Daily snapshots are kept for 90 days [doc-1].")
        .build();
  }

  private static Evaluation failed(Map<Dimension, DimensionScore> scores, List<Dimension> failed) {
    Map<Dimension, Double> thresholds =
        Map.of(
            Dimension.GROUNDEDNESS,
            0.7,
            Dimension.SAFETY,
            0.9,
            Dimension.RELIABILITY,
            0.8,
            Dimension.INFERENCE_COST,
            0.7,
            Dimension.ACCURACY,
            0.7,
            Dimension.VARIANCE,
            0.7);
    return new Evaluation(scores, 0.4, Verdict.FAIL, failed, false, thresholds, "default", "x");
  }
}
