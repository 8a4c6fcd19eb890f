package dev.argus.core.scoring;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import java.util.List;

/**
 * Loads what the scorers load lazily (lexicons, phone metadata, compiled patterns) before the first
 * real call arrives.
 *
 * <p>The first evaluation in a fresh JVM is far slower than the rest; under a per-span scoring time
 * budget it would leave the first spans after a start {@code not_evaluated}. The warm-up scores one
 * representative call on a throwaway evaluator, so no learned state (answer history, cost
 * baselines) of the real evaluator is touched.
 */
public final class ScoringWarmUp {
  private static final int ROUNDS = 3;

  private ScoringWarmUp() {}

  /** Scores a representative call a few times on a throwaway evaluator; never throws. */
  public static void run() {
    GenAiEvaluator evaluator = new GenAiEvaluator(ScoringConfig.defaults());
    ScoringInput input = ScoringInput.of(representativeCall());
    for (int i = 0; i < ROUNDS; i++) {
      evaluator.evaluate(input);
    }
  }

  /** A RAG answer that reaches every scorer: context, numbers, contact data, a JSON request. */
  static GenAiCall representativeCall() {
    return GenAiCall.builder()
        .setOperation("chat")
        .setProvider("openai")
        .setRequestModel("argus-warm-up")
        .setSystemInstructions("Answer from the context and reply with a JSON object.")
        .setPrompt("How long are snapshots kept, and whom do I call about restores?")
        .setRetrievedContext(
            List.of(
                new RetrievedDocument(
                    "doc-1", 0.9, "Daily snapshots are retained for 35 days at 02:00 UTC.")))
        .setCompletion(
            "{\"answer\": \"Snapshots are kept for 35 days [doc-1]. Call +1 202-555-0147 or write"
                + " to support@example.com; I think that is probably right.\"}")
        .setFinishReasons(List.of("stop"))
        .setUsage(new TokenUsage(120L, 40L, null, null, null))
        .setDurationNanos(1_000_000_000L)
        .setRequestedFormat("json")
        .setContentStatus(ContentStatus.CAPTURED)
        .build();
  }
}
