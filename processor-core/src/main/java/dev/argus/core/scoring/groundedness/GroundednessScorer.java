package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.RefusalCheck;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.text.LocalTerms;
import dev.argus.core.scoring.text.Num;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import dev.argus.semconv.model.GenAiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores how well the completion is supported by the grounding context, claim by claim.
 *
 * <p>The completion is cut into claims. Two things are checked per claim, with numbers (weight 3)
 * and names (weight 2) counting more than other words: each term the claim adds beyond the question
 * must appear in the context (support), and all its terms must appear together in one window of two
 * adjacent context sentences (coverage), because facts that are each in the context but never
 * stated together are the typical invented relation. A claim's score is {@code support * (0.4 + 0.6
 * * coverage)}; a claim with a number absent from the context is capped at {@value
 * #UNSUPPORTED_NUMBER_CAP}, and one whose best-matching context sentence has the opposite polarity
 * is scaled by {@value #CONTRADICTION_FACTOR}. The score blends the weighted mean of the claims
 * with the weakest claim, so one invented fact pulls a long answer down. The weakest claims are the
 * evidence.
 */
public final class GroundednessScorer implements DimensionScorer {

  static final double UNSUPPORTED_NUMBER_CAP = 0.25;
  static final double CONTRADICTION_FACTOR = 0.4;

  /** Score of an answer without a content word (such as "Yes."): nothing can be checked. */
  static final double RESTATEMENT_SCORE = 0.7;

  private static final int MAX_EVIDENCE = 3;
  private static final ThreadLocal<LocalTerms> TERMS = ThreadLocal.withInitial(LocalTerms::new);

  @Override
  public Dimension dimension() {
    return Dimension.GROUNDEDNESS;
  }

  @Override
  public DimensionScore score(ScoringInput input) {
    GenAiCall call = input.call();
    List<String> sources = GroundingSources.of(call);
    if (sources.isEmpty()) {
      return DimensionScore.notApplicable(Dimension.GROUNDEDNESS, "no context");
    }
    String completion = call.completion();
    if (completion.isBlank()) {
      return DimensionScore.notApplicable(Dimension.GROUNDEDNESS, "empty completion");
    }
    if (RefusalCheck.isRefusal(completion)) {
      return DimensionScore.notApplicable(Dimension.GROUNDEDNESS, "refusal");
    }
    String question = withoutSources(call.prompt(), sources);
    TokenList answer = Tokenizer.tokenList(completion);
    boolean yesNo = isBareYesNo(answer) && !question.isBlank();
    // Only the terms the checked text uses need posting lists; the rest of the context is skipped.
    TokenList checked = yesNo ? Tokenizer.tokenList(question) : answer;
    int[] claimEnds = yesNo ? null : Sentences.claimEnds(completion);
    LocalTerms wanted = TERMS.get();
    wanted.clear();
    int[] termNumbers = new int[checked.size()];
    boolean stopTerms = numberLookedUp(checked, claimEnds, wanted, termNumbers);
    ContextIndex context = new ContextIndex(sources, wanted, stopTerms);
    if (context.isEmpty()) {
      return DimensionScore.notApplicable(Dimension.GROUNDEDNESS, "no context");
    }
    if (yesNo) {
      return scoreProposition(question, checked, termNumbers, context);
    }
    return score(
        completion,
        checked,
        claimEnds,
        termNumbers,
        context,
        TermSet.of(question, wanted, stopTerms));
  }

  /**
   * Numbers, into {@code termNumbers}, the terms of {@code tokens} a check will look up: numbers,
   * content words, and every word of a claim made of function words only ({@code claimEnds} null
   * for a yes/no question, which has no such claims). The other tokens get -1: numbering them would
   * only make the context search for terms no check asks about. Returns true when a numbered term
   * may also be the term of a function word, so that the context's function words must be searched.
   */
  private static boolean numberLookedUp(
      TokenList tokens, int[] claimEnds, LocalTerms wanted, int[] termNumbers) {
    boolean stopTerms = false;
    int from = 0;
    int claim = 0;
    boolean contentFree = false;
    for (int i = 0; i < tokens.size(); i++) {
      if (claimEnds != null && i == from) {
        int to = claimEnds[claim++];
        contentFree = ClaimCheck.isContentFree(tokens, from, to);
        from = to;
      }
      if (!contentFree && !tokens.isNumber(i) && tokens.isStopword(i)) {
        termNumbers[i] = -1;
        continue;
      }
      int size = wanted.size();
      int number = wanted.add(tokens, i);
      termNumbers[i] = number;
      // Checked once per distinct term, when it is first numbered, until one is found.
      if (number == size && !stopTerms) {
        stopTerms = StopTerms.contains(tokens.term(i));
      }
    }
    return stopTerms;
  }

  /**
   * A bare "yes" or "no" states the question's proposition (or its negation): its grounding is how
   * much of that proposition's content the context holds.
   */
  private static DimensionScore scoreProposition(
      String question, TokenList tokens, int[] termNumbers, ContextIndex context) {
    double found = 0;
    double total = 0;
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      boolean number = tokens.isNumber(i);
      if (!number && tokens.isStopword(i)) {
        continue;
      }
      double weight = number ? 3 : tokens.isCapitalized(i) ? 2 : 1;
      total += weight;
      if (context.contains(termNumbers[i])) {
        found += weight;
      } else if (missing.size() < 10) {
        missing.add(question.substring(tokens.start(i), tokens.end(i)));
      }
    }
    if (total == 0) {
      return DimensionScore.of(
          Dimension.GROUNDEDNESS,
          RESTATEMENT_SCORE,
          "answer makes no checkable claim",
          Map.of("claims", 0));
    }
    double value = found / total;
    String explanation =
        missing.isEmpty()
            ? "yes/no answer; the context covers everything the question asserts"
            : "yes/no answer; the context lacks part of what the question asserts: "
                + String.join(", ", missing);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("claims", 1);
    evidence.put("unsupported_terms", missing);
    return DimensionScore.of(Dimension.GROUNDEDNESS, value, explanation, evidence);
  }

  // The answer's tokens are needed anyway (they are the claims checked otherwise).
  static boolean isBareYesNo(TokenList tokens) {
    if (tokens.isEmpty() || tokens.size() > 2) {
      return false;
    }
    String first = tokens.text(0);
    return (first.equals("yes") || first.equals("no"))
        && (tokens.size() == 1 || tokens.isStopword(1));
  }

  private DimensionScore score(
      String completion,
      TokenList tokens,
      int[] ends,
      int[] termNumbers,
      ContextIndex context,
      TermSet given) {
    ClaimCheck.Scratch scratch = new ClaimCheck.Scratch(context.sentences(), completion);
    List<ClaimCheck> checks = new ArrayList<>();
    double weighted = 0;
    double total = 0;
    List<int[]> spans = Sentences.claims(completion);
    for (int k = 0; k < spans.size(); k++) {
      int from = k == 0 ? 0 : ends[k - 1];
      ClaimCheck check =
          ClaimCheck.of(
              completion,
              spans.get(k),
              tokens,
              termNumbers,
              from,
              ends[k],
              context,
              given,
              scratch);
      if (check == null) {
        continue;
      }
      checks.add(check);
      weighted += check.weight() * check.score();
      total += check.weight();
    }
    if (checks.isEmpty()) {
      return DimensionScore.of(
          Dimension.GROUNDEDNESS,
          RESTATEMENT_SCORE,
          "answer makes no claim the context could confirm",
          Map.of("claims", 0));
    }
    checks.sort((a, b) -> Double.compare(a.score(), b.score()));
    double weakest = checks.get(0).score();
    double value = clamp(0.5 * (weighted / total) + 0.5 * weakest);
    return DimensionScore.of(
        Dimension.GROUNDEDNESS, value, explanation(checks, value), evidence(checks));
  }

  private static String explanation(List<ClaimCheck> checks, double value) {
    ClaimCheck weakest = checks.get(0);
    if (weakest.score() >= 0.999) {
      return "all " + checks.size() + " claims are supported by the context";
    }
    String detail =
        weakest.contradicted()
            ? "contradicts the context"
            : weakest.unsupportedTerms().isEmpty()
                ? "is not stated together in any part of the context"
                : "has terms not in the context: " + String.join(", ", weakest.unsupportedTerms());
    return Num.fixed(value, 2)
        + " of the answer is supported; weakest claim \""
        + abbreviate(weakest.text(), 80)
        + "\" "
        + detail;
  }

  private static Map<String, Object> evidence(List<ClaimCheck> checks) {
    List<String> unsupported = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    int contradicted = 0;
    for (ClaimCheck check : checks) {
      if (check.contradicted()) {
        contradicted++;
      }
      if (check.score() < 0.999 && unsupported.size() < MAX_EVIDENCE) {
        unsupported.add(abbreviate(check.text(), 160));
        terms.addAll(check.unsupportedTerms());
      }
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("claims", checks.size());
    evidence.put("unsupported_claims", unsupported);
    evidence.put("unsupported_terms", terms.size() > 10 ? terms.subList(0, 10) : terms);
    evidence.put("contradicted_claims", contradicted);
    return evidence;
  }

  // The question may quote the context (context pasted into the user message); what it quotes
  // is context, not something the user already stated.
  private static String withoutSources(String prompt, List<String> sources) {
    String result = prompt;
    for (String source : sources) {
      String trimmed = source.strip();
      if (trimmed.length() > 20 && result.contains(trimmed)) {
        result = result.replace(trimmed, " ");
      }
    }
    return result;
  }

  static String abbreviate(String text, int max) {
    String flat = text.strip().replace('\n', ' ');
    return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
  }

  private static double clamp(double value) {
    return Math.max(0.0, Math.min(1.0, value));
  }

  /**
   * Returns true when {@code tokens[i]} is a negation. A capitalised negation inside a sentence, or
   * one followed (before {@code end}) by another capitalised word, belongs to a title ("Never Give
   * Up") and negates nothing.
   */
  static boolean isNegation(TokenList tokens, int i, boolean sentenceStart, int end) {
    // Nearly every token is no negation: settle those without reading the next token.
    if (!tokens.isNegation(i)) {
      return false;
    }
    boolean title =
        tokens.isCapitalized(i) && (!sentenceStart || i + 1 < end && tokens.isCapitalized(i + 1));
    return !title;
  }
}
