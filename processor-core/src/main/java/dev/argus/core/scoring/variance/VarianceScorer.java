package dev.argus.core.scoring.variance;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.RefusalCheck;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.text.Num;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;
import java.util.Map;

/**
 * Scores how stable an answer is. Within one answer, hedges per sentence lower the score ({@code 1
 * / (1 + 0.6 * hedges per sentence)}). Across runs, the answer is compared with the recent answers
 * to the same normalised prompt from the same model; their mean similarity is blended in with
 * weight 0.6 once one earlier answer exists. Answers that agree with each other word for word are
 * stable, answers that change facts or numbers from run to run are not.
 */
public final class VarianceScorer implements DimensionScorer {

  // ASCII letters and digits, the characters Character.isLetterOrDigit accepts below 128.
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c);
    }
  }

  private final AnswerHistory history;

  /** Creates a scorer that compares answers through {@code history}. */
  public VarianceScorer(AnswerHistory history) {
    this.history = history;
  }

  @Override
  public Dimension dimension() {
    return Dimension.VARIANCE;
  }

  @Override
  public DimensionScore score(ScoringInput input) {
    GenAiCall call = input.call();
    if (call.completion().isBlank()) {
      return DimensionScore.notApplicable(Dimension.VARIANCE, "empty completion");
    }
    if (RefusalCheck.isRefusal(call.completion())) {
      return DimensionScore.notApplicable(Dimension.VARIANCE, "refusal");
    }
    // Read through the accessors: no token object is built for the completion or the prompt.
    TokenList tokens = Tokenizer.tokenList(call.completion());
    int hedges = Hedging.count(tokens);
    int sentences = Math.max(1, countSentences(call.completion()));
    double hedgeScore = 1.0 / (1.0 + 0.6 * hedges / sentences);
    Fingerprint.Indexed current =
        Fingerprint.of(tokens, QuestionTerms.of(Tokenizer.tokenList(call.prompt())));
    // Only final answers are runs of a prompt: a step that asks for tools answers nothing yet.
    List<Fingerprint> previous =
        call.prompt().isBlank() || requestsTools(call)
            ? List.of()
            : history.record(key(call), input.traceId(), current.fingerprint());
    if (previous.isEmpty()) {
      String explanation =
          hedges == 0
              ? "confident answer, no earlier runs to compare"
              : hedges + " hedges in " + sentences + " sentences";
      return DimensionScore.of(
          Dimension.VARIANCE, hedgeScore, explanation, Map.of("hedges", hedges));
    }
    double agreement = 0;
    for (Fingerprint earlier : previous) {
      agreement += current.similarity(earlier);
    }
    agreement /= previous.size();
    // Immutable from the start: the score keeps the map as it is instead of copying it.
    Map<String, Object> evidence =
        Map.of(
            "hedges",
            hedges,
            "compared_runs",
            previous.size(),
            "run_agreement",
            Math.round(agreement * 1000) / 1000.0);
    double value = 0.4 * hedgeScore + 0.6 * agreement;
    String explanation =
        "agrees "
            + Num.fixed(agreement * 100, 0)
            + "% with "
            + previous.size()
            + " earlier answers to the same prompt; "
            + hedges
            + " hedges";
    return DimensionScore.of(Dimension.VARIANCE, value, explanation, evidence);
  }

  private static boolean requestsTools(GenAiCall call) {
    if (!call.toolCalls().isEmpty()) {
      return true;
    }
    for (String reason : call.finishReasons()) {
      if (reason.startsWith("tool") || reason.equals("function_call")) {
        return true;
      }
    }
    return false;
  }

  private static AnswerHistory.Key key(GenAiCall call) {
    String model = call.model() == null ? "" : call.model();
    return new AnswerHistory.Key(model, normalisedHash(call.prompt()));
  }

  /** Returns a 64-bit FNV-1a hash of the prompt lower-cased, letters and digits only. */
  static long normalisedHash(String prompt) {
    long hash = 0xcbf29ce484222325L;
    boolean space = false;
    boolean started = false;
    for (int i = 0; i < prompt.length(); i++) {
      char c = prompt.charAt(i);
      // ASCII, nearly every character of a prompt, is classified without calling Character.
      if (c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c)) {
        // Only a gap between words counts: leading and trailing blanks leave the key unchanged.
        if (space && started) {
          hash = (hash ^ ' ') * 0x100000001b3L;
        }
        space = false;
        hash = (hash ^ lowerCase(c)) * 0x100000001b3L;
        started = true;
      } else {
        space = true;
      }
    }
    return hash;
  }

  private static char lowerCase(char c) {
    if (c >= 128) {
      return Character.toLowerCase(c);
    }
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static int countSentences(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '!' || c == '?' || c == '\n')
          && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
        count++;
      }
    }
    return count + 1;
  }
}
