package dev.argus.core.scoring.reliability;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.GenAiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores whether the call delivered a complete, well-formed answer in time.
 *
 * <p>Each problem multiplies the score by a factor: a failed call scores 0; finish reason {@code
 * length} 0.35; a content filter stop 0.3; text that stops mid-sentence 0.6; JSON that was asked
 * for but is truncated 0.1 (on top of the length factor), malformed 0.2 or not a document 0.3;
 * latency over the SLA by the ratio SLA / latency, floored at 0.3.
 */
public final class ReliabilityScorer implements DimensionScorer {

  private final long latencySlaNanos;

  /** Creates a scorer with the given latency SLA in milliseconds (0 disables the check). */
  public ReliabilityScorer(long latencySlaMillis) {
    this.latencySlaNanos = latencySlaMillis * 1_000_000L;
  }

  @Override
  public Dimension dimension() {
    return Dimension.RELIABILITY;
  }

  @Override
  public DimensionScore score(ScoringInput input) {
    GenAiCall call = input.call();
    Map<String, Object> evidence = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (call.errorType() != null) {
      evidence.put("error_type", call.errorType());
      return DimensionScore.of(
          Dimension.RELIABILITY, 0.0, "the call failed: " + call.errorType(), evidence);
    }
    if (!call.hasCompletion() && call.toolCalls().isEmpty()) {
      return DimensionScore.notApplicable(Dimension.RELIABILITY, "empty completion");
    }
    double score = 1.0;
    boolean truncated = call.finishReasons().contains("length");
    if (truncated) {
      score *= 0.35;
      problems.add("cut off by the output token limit");
      evidence.put("finish_reason", "length");
    } else if (call.finishReasons().contains("content_filter")) {
      score *= 0.3;
      problems.add("stopped by a content filter");
      evidence.put("finish_reason", "content_filter");
    } else if (looksCutOff(call)) {
      score *= 0.6;
      problems.add("text stops mid-sentence");
      evidence.put("cut_off", true);
    }
    score *= jsonFactor(call, truncated, evidence, problems);
    score *= latencyFactor(call, evidence, problems);
    String explanation = problems.isEmpty() ? "complete answer" : String.join("; ", problems);
    return DimensionScore.of(Dimension.RELIABILITY, score, explanation, evidence);
  }

  private static double jsonFactor(
      GenAiCall call, boolean truncated, Map<String, Object> evidence, List<String> problems) {
    if (!expectsJson(call) || !call.hasCompletion()) {
      return 1.0;
    }
    JsonCheck.Result result = JsonCheck.check(call.completion());
    evidence.put("json", result.status().label());
    if (result.fenced()) {
      evidence.put("json_fenced", true);
    }
    switch (result.status()) {
      case VALID:
        return 1.0;
      case TRUNCATED:
        problems.add(
            truncated ? "JSON truncated by the output token limit" : "JSON ends unfinished");
        return truncated ? 0.1 : 0.15;
      case MALFORMED:
        problems.add("malformed JSON: " + result.detail());
        return 0.2;
      default:
        problems.add("JSON was requested but the answer is not a JSON document");
        return 0.3;
    }
  }

  /** Returns true when the request asked for JSON output. */
  static boolean expectsJson(GenAiCall call) {
    String format = call.requestedFormat();
    return format != null && format.toLowerCase(Locale.ROOT).contains("json");
  }

  private double latencyFactor(
      GenAiCall call, Map<String, Object> evidence, List<String> problems) {
    long duration = call.durationNanos();
    if (latencySlaNanos <= 0 || duration <= latencySlaNanos) {
      return 1.0;
    }
    evidence.put("latency_ms", duration / 1_000_000L);
    evidence.put("latency_sla_ms", latencySlaNanos / 1_000_000L);
    problems.add(
        "latency "
            + duration / 1_000_000L
            + " ms over the "
            + latencySlaNanos / 1_000_000L
            + " ms SLA");
    return Math.max(0.3, latencySlaNanos / (double) duration);
  }

  // Text that ends without closing punctuation after a long answer, or on a joining word.
  private static boolean looksCutOff(GenAiCall call) {
    if (expectsJson(call)
        || !call.finishReasons().isEmpty() && !call.finishReasons().contains("stop")) {
      return false;
    }
    String text = call.completion().stripTrailing();
    if (text.length() < 40) {
      return false;
    }
    char last = text.charAt(text.length() - 1);
    if (".!?)]}\"'`*:|>\u201d\u2019".indexOf(last) >= 0 || Character.isDigit(last)) {
      return false;
    }
    int lastSpace = text.lastIndexOf(' ');
    String lastWord = text.substring(lastSpace + 1).toLowerCase(Locale.ROOT);
    return last == ','
        || last == '-'
        || List.of("and", "or", "the", "a", "an", "to", "of", "with", "for", "is", "are")
            .contains(lastWord)
        || text.indexOf('\n') < 0 && text.length() > 200;
  }
}
