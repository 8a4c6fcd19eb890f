package dev.argus.core.scoring.cost;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.RefusalCheck;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.text.Num;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.TokenUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores whether the tokens spent were worth it.
 *
 * <p>Against the model's baseline (learned once {@value #MIN_SAMPLES} calls were seen; before that
 * against a fixed budget), a call costs {@code ratio = tokens / baseline}; the score is 1 up to the
 * baseline and {@code 1 / ratio} above it. The value delivered scales it: a refusal, an empty or
 * truncated answer delivers little (x 0.5), and output tokens mostly spent on reasoning that leave
 * a short answer are charged (x 0.8).
 */
public final class InferenceCostScorer implements DimensionScorer {

  static final int MIN_SAMPLES = 20;

  private final CostBaseline baseline;
  private final long budgetTokens;

  /**
   * Creates a scorer.
   *
   * @param baseline per-model baseline, updated by every scored call
   * @param budgetTokens tokens per call considered normal before a baseline exists
   */
  public InferenceCostScorer(CostBaseline baseline, long budgetTokens) {
    this.baseline = baseline;
    this.budgetTokens = budgetTokens;
  }

  @Override
  public Dimension dimension() {
    return Dimension.INFERENCE_COST;
  }

  @Override
  public DimensionScore score(ScoringInput input) {
    GenAiCall call = input.call();
    TokenUsage usage = call.usage();
    Long total = usage.totalTokens();
    if (total == null || total <= 0) {
      return DimensionScore.notApplicable(Dimension.INFERENCE_COST, "no token usage reported");
    }
    CostBaseline.Snapshot before = baseline.record(call.model(), total, call.costUsd());
    boolean learned = before.samples() >= MIN_SAMPLES;
    double reference = learned ? Math.max(1.0, before.meanTokens()) : budgetTokens;
    double ratio = total / reference;
    double score = ratio <= 1.0 ? 1.0 : 1.0 / ratio;
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("total_tokens", total);
    evidence.put("baseline_tokens", Math.round(reference));
    evidence.put("baseline", learned ? "learned" : "budget");
    if (call.costUsd() != null) {
      evidence.put("cost_usd", call.costUsd());
    }
    String value = valueProblem(call, usage);
    if (value != null) {
      score *= value.startsWith("reasoning") ? 0.8 : 0.5;
      evidence.put("low_value", value);
    }
    String explanation =
        total
            + " tokens, "
            + share(ratio)
            + (learned ? "model's recent mean" : "budget")
            + " of "
            + Math.round(reference)
            + (value == null ? "" : "; " + value);
    return DimensionScore.of(Dimension.INFERENCE_COST, Math.max(0.0, score), explanation, evidence);
  }

  // A call under its reference reads as a percentage ("3% of the budget"): "0.0x" says nothing.
  private static String share(double ratio) {
    if (ratio >= 1.0) {
      return Num.fixed(ratio, 1) + "x the ";
    }
    long percent = Math.max(1, Math.round(ratio * 100));
    return (percent >= 100 ? 99 : percent) + "% of the ";
  }

  private static String valueProblem(GenAiCall call, TokenUsage usage) {
    if (call.finishReasons().contains("length")) {
      return "answer truncated";
    }
    if (!call.hasCompletion() && call.toolCalls().isEmpty()) {
      return "no answer delivered";
    }
    if (RefusalCheck.isRefusal(call.completion())) {
      return "refusal";
    }
    Long reasoning = usage.reasoningTokens();
    Long output = usage.outputTokens();
    if (reasoning != null
        && output != null
        && output > 0
        && reasoning > 0.8 * output
        && output > 500) {
      return "reasoning used most of the output tokens";
    }
    return null;
  }
}
