package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationEligibilityTest {

  @Test
  void reasonNotToEvaluate_embeddingsAreNotScoredWhateverTheirContent() {
    GenAiCall call = captured("Embeddings").setCompletion("[0.1, 0.2]").build();

    String reason = EvaluationEligibility.reasonNotToEvaluate(call);

    assertEquals(ArgusAttributes.REASON_OPERATION_NOT_SCORED, reason);
    assertEquals(
        "operation not scored: embeddings", EvaluationEligibility.explanation(reason, call));
  }

  @Test
  void reasonNotToEvaluate_contentThatDidNotArriveWholeIsNamedWithItsExplanation() {
    assertReason(
        ContentStatus.NOT_CAPTURED,
        ArgusAttributes.REASON_CONTENT_NOT_CAPTURED,
        EvaluationEligibility.NO_CONTENT);
    assertReason(
        ContentStatus.REDACTED,
        ArgusAttributes.REASON_CONTENT_REDACTED,
        EvaluationEligibility.REDACTED);
    assertReason(
        ContentStatus.TRUNCATED,
        ArgusAttributes.REASON_CONTENT_TRUNCATED,
        EvaluationEligibility.TRUNCATED);
  }

  @Test
  void reasonNotToEvaluate_capturedCallWithoutAnyOutputHasNothingToJudge() {
    GenAiCall call = captured("chat").setPrompt("What is the capital of France?").build();

    String reason = EvaluationEligibility.reasonNotToEvaluate(call);

    assertEquals(ArgusAttributes.REASON_NO_OUTPUT, reason);
    assertEquals(EvaluationEligibility.NO_OUTPUT, EvaluationEligibility.explanation(reason, call));
  }

  @Test
  void reasonNotToEvaluate_completionToolCallOrErrorIsEnoughToScore() {
    ToolCall weather = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");

    GenAiCall answered = captured("chat").setCompletion("Paris").build();
    GenAiCall calledTool = captured("chat").setToolCalls(List.of(weather)).build();
    GenAiCall failed = captured("chat").setErrorType("timeout").build();

    assertNull(EvaluationEligibility.reasonNotToEvaluate(answered));
    assertNull(EvaluationEligibility.reasonNotToEvaluate(calledTool));
    assertNull(EvaluationEligibility.reasonNotToEvaluate(failed));
  }

  @Test
  void explanation_contentNotReceivedSaysTheRecordsWereLate() {
    GenAiCall call = GenAiCall.builder().setOperation("chat").build();

    assertEquals(
        EvaluationEligibility.NOT_RECEIVED,
        EvaluationEligibility.explanation(ArgusAttributes.REASON_CONTENT_NOT_RECEIVED, call));
  }

  @Test
  void hasContent_needsCapturedPromptCompletionOrToolCall() {
    assertTrue(EvaluationEligibility.hasContent(captured("chat").setPrompt("Hi").build()));
    assertTrue(EvaluationEligibility.hasContent(captured("chat").setCompletion("Hello").build()));
    assertFalse(EvaluationEligibility.hasContent(captured("chat").setErrorType("timeout").build()));
    assertFalse(
        EvaluationEligibility.hasContent(
            GenAiCall.builder()
                .setCompletion("Hello")
                .setContentStatus(ContentStatus.REDACTED)
                .build()));
  }

  @Test
  void isModelCall_unclassifiedSpansCountOnlyWithContent() {
    GenAiCall empty = GenAiCall.builder().setOperation("chat").build();
    GenAiCall answered = captured("chat").setCompletion("Paris").build();

    assertTrue(EvaluationEligibility.isModelCall(span(SpanRole.LLM_CALL, empty)));
    assertTrue(EvaluationEligibility.isModelCall(span(SpanRole.EMBEDDINGS, empty)));
    assertTrue(EvaluationEligibility.isModelCall(span(SpanRole.OTHER, answered)));
    assertFalse(EvaluationEligibility.isModelCall(span(SpanRole.OTHER, empty)));
    assertFalse(EvaluationEligibility.isModelCall(span(SpanRole.AGENT, answered)));
  }

  private static void assertReason(ContentStatus status, String reason, String explanation) {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("chat")
            .setCompletion("Paris")
            .setContentStatus(status)
            .build();

    assertEquals(reason, EvaluationEligibility.reasonNotToEvaluate(call), status.name());
    assertEquals(explanation, EvaluationEligibility.explanation(reason, call), status.name());
  }

  private static GenAiCall.Builder captured(String operation) {
    return GenAiCall.builder().setOperation(operation).setContentStatus(ContentStatus.CAPTURED);
  }

  private static GenAiSpan span(SpanRole role, GenAiCall call) {
    return new GenAiSpan(0, 0, 0, "00000000000000a1", null, "span", role, 1, 2, call, false);
  }
}
