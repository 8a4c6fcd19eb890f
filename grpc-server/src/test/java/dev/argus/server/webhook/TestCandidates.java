package dev.argus.server.webhook;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import java.util.Map;

/** Evaluated calls for webhook tests. */
final class TestCandidates {

  static final String QUESTION = "How long are daily snapshots kept?";

  private TestCandidates() {}

  static GenAiCall call() {
    return GenAiCall.builder()
        .setProvider("openai")
        .setRequestModel("gpt-4o-mini")
        .setResponseModel("gpt-4o-mini-2024-07-18")
        .setResponseId("chatcmpl-1")
        .setConversationId("conv-7")
        .setInputMessages(
            List.of(
                ChatMessage.of("system", "Answer only from the context. [doc-1] 35 days."),
                ChatMessage.of("user", QUESTION + " Mail me at jane.doe@example.com")))
        .setPrompt(QUESTION + " Mail me at jane.doe@example.com")
        .setCompletion("Kept for 90 days [doc-1]. Call +1 202-555-0147 – Zoë 😀")
        .build();
  }

  static Evaluation failedOn(Dimension dimension, double score) {
    return new Evaluation(
        Map.of(
            dimension,
            DimensionScore.of(dimension, score, "below threshold", Map.of("claims", 2)),
            Dimension.INFERENCE_COST,
            DimensionScore.of(Dimension.INFERENCE_COST, 0.95, "cheap", Map.of())),
        0.5,
        Verdict.FAIL,
        List.of(dimension),
        false,
        Map.of(dimension, 0.7),
        "default",
        "groundedness below threshold");
  }

  static Evaluation passed() {
    return new Evaluation(
        Map.of(Dimension.SAFETY, DimensionScore.of(Dimension.SAFETY, 1.0, "ok", Map.of())),
        1.0,
        Verdict.PASS,
        List.of(),
        false,
        Map.of(Dimension.SAFETY, 0.9),
        "default",
        "");
  }

  static CorrectionCandidate failed(String spanId) {
    return new CorrectionCandidate(
        "0af7651916cd43dd8448eb211c80319c",
        spanId,
        "support-bot",
        call(),
        failedOn(Dimension.GROUNDEDNESS, 0.3),
        0);
  }
}
