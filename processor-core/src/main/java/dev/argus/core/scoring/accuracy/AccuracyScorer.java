package dev.argus.core.scoring.accuracy;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.RefusalCheck;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.text.LocalTerms;
import dev.argus.core.scoring.text.Num;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import dev.argus.semconv.model.GenAiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores correctness: against a reference answer when one is known (from the input, else from the
 * golden set by prompt), and by internal consistency otherwise.
 *
 * <p>With a reference, the score is the share of the reference's content terms the answer contains
 * (numbers weigh 3), times 0.3 when the answer states numbers of its own but none of the
 * reference's. Without one, an answer with wrong arithmetic, impossible totals or a
 * self-contradiction scores 0.3 (one problem) or 0.15 (more); an answer with none of these cannot
 * be judged and the dimension does not apply.
 */
public final class AccuracyScorer implements DimensionScorer {

  private static final ThreadLocal<LocalTerms> TERMS = ThreadLocal.withInitial(LocalTerms::new);

  private final GoldenSet goldenSet;

  /** Creates a scorer that falls back on {@code goldenSet} for reference answers. */
  public AccuracyScorer(GoldenSet goldenSet) {
    this.goldenSet = goldenSet;
  }

  @Override
  public Dimension dimension() {
    return Dimension.ACCURACY;
  }

  @Override
  public DimensionScore score(ScoringInput input) {
    GenAiCall call = input.call();
    String completion = call.completion();
    if (completion.isBlank()) {
      return DimensionScore.notApplicable(Dimension.ACCURACY, "empty completion");
    }
    if (RefusalCheck.isRefusal(completion)) {
      return DimensionScore.notApplicable(Dimension.ACCURACY, "refusal");
    }
    String reference = input.referenceAnswer();
    String source = "reference";
    if (reference == null || reference.isBlank()) {
      reference = goldenSet.answerFor(call.prompt());
      source = "golden_set";
    }
    if (reference != null && !reference.isBlank()) {
      return againstReference(completion, reference, source);
    }
    return consistency(completion);
  }

  private static DimensionScore againstReference(
      String completion, String reference, String source) {
    // The answer's content terms are numbered; a reference term has a number exactly when the
    // answer holds it.
    LocalTerms answer = TERMS.get();
    answer.clear();
    TokenList answerTokens = Tokenizer.tokenList(completion);
    for (int i = 0; i < answerTokens.size(); i++) {
      if (isContent(answerTokens, i)) {
        answer.add(answerTokens, i);
      }
    }
    double found = 0;
    double total = 0;
    boolean answerHasNumbers = false;
    boolean sharedNumber = false;
    boolean referenceHasNumbers = false;
    List<String> missing = new ArrayList<>();
    TokenList referenceTokens = Tokenizer.tokenList(reference);
    for (int i = 0; i < referenceTokens.size(); i++) {
      if (!isContent(referenceTokens, i)) {
        continue;
      }
      boolean number = referenceTokens.isNumber(i);
      double weight = number ? 3 : 1;
      referenceHasNumbers |= number;
      total += weight;
      if (answer.find(referenceTokens, i) >= 0) {
        found += weight;
        sharedNumber |= number;
      } else if (missing.size() < 5) {
        missing.add(reference.substring(referenceTokens.start(i), referenceTokens.end(i)));
      }
    }
    for (int i = 0; i < answerTokens.size() && !answerHasNumbers; i++) {
      answerHasNumbers = answerTokens.isNumber(i);
    }
    double score = total == 0 ? 1.0 : found / total;
    if (referenceHasNumbers && answerHasNumbers && !sharedNumber) {
      score *= 0.3;
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("reference_source", source);
    evidence.put("missing_terms", missing);
    String explanation =
        missing.isEmpty()
            ? "agrees with the " + source.replace('_', ' ')
            : Num.fixed(score * 100, 0)
                + "% of the "
                + source.replace('_', ' ')
                + "'s key terms present; missing: "
                + String.join(", ", missing);
    return DimensionScore.of(Dimension.ACCURACY, score, explanation, evidence);
  }

  private static DimensionScore consistency(String completion) {
    List<Consistency.Problem> problems = Consistency.check(completion);
    if (problems.isEmpty()) {
      return DimensionScore.notApplicable(
          Dimension.ACCURACY, "no reference answer and no internal inconsistency");
    }
    List<String> kinds = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (Consistency.Problem problem : problems) {
      kinds.add(problem.kind());
      details.add(problem.detail());
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("inconsistencies", kinds);
    double score = problems.size() == 1 ? 0.3 : 0.15;
    return DimensionScore.of(
        Dimension.ACCURACY, score, "inconsistent answer: " + String.join("; ", details), evidence);
  }

  // Numbers and words other than stop words; a number's term is its canonical text.
  private static boolean isContent(TokenList tokens, int i) {
    return tokens.isNumber(i) || !tokens.isStopword(i);
  }
}
