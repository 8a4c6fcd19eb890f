package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Refusals;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.semconv.model.GenAiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores how well the completion is supported by the grounding context, claim by claim.
 *
 * <p>The completion is cut into claims. Each term a claim adds beyond the question must appear in
 * the context; numbers (weight 3) and names (weight 2) count more than other words, a claim with a
 * number absent from the context is capped at {@value #UNSUPPORTED_NUMBER_CAP}, and a claim that
 * matches a context sentence but flips its negation is scaled by {@value #CONTRADICTION_FACTOR}.
 * The score blends the supported share of all claim terms with the weakest claim, so one invented
 * fact pulls a long answer down. The weakest claims are the evidence.
 */
public final class GroundednessScorer implements DimensionScorer {

  static final double UNSUPPORTED_NUMBER_CAP = 0.25;
  static final double CONTRADICTION_FACTOR = 0.4;

  /** Score of an answer that only restates the question: nothing it says can be checked. */
  static final double RESTATEMENT_SCORE = 0.7;

  private static final int MAX_EVIDENCE = 3;

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
    if (Refusals.isRefusal(completion)) {
      return DimensionScore.notApplicable(Dimension.GROUNDEDNESS, "refusal");
    }
    TermSet context = TermSet.of(sources);
    TermSet given = TermSet.of(List.of(withoutSources(call.prompt(), sources)));
    return score(completion, context, given, new ContextSentences(sources));
  }

  private DimensionScore score(
      String completion, TermSet context, TermSet given, ContextSentences contextSentences) {
    List<ClaimCheck> checks = new ArrayList<>();
    double supported = 0;
    double total = 0;
    for (int[] span : Sentences.claims(completion)) {
      ClaimCheck check = ClaimCheck.of(completion, span[0], span[1], context, given);
      if (check.total() == 0) {
        continue;
      }
      check = check.withContradiction(contextSentences);
      checks.add(check);
      supported += check.supported();
      total += check.total();
    }
    if (checks.isEmpty()) {
      return DimensionScore.of(
          Dimension.GROUNDEDNESS,
          RESTATEMENT_SCORE,
          "answer adds nothing to the question that the context could confirm",
          Map.of("claims", 0));
    }
    checks.sort((a, b) -> Double.compare(a.score(), b.score()));
    double weakest = checks.get(0).score();
    double value = clamp(0.5 * (supported / total) + 0.5 * weakest);
    return DimensionScore.of(
        Dimension.GROUNDEDNESS, value, explanation(checks, value), evidence(checks));
  }

  private static String explanation(List<ClaimCheck> checks, double value) {
    ClaimCheck weakest = checks.get(0);
    if (weakest.score() >= 0.999) {
      return String.format("all %d claims are supported by the context", checks.size());
    }
    String detail =
        weakest.contradicted()
            ? "contradicts the context"
            : "has terms not in the context: " + String.join(", ", weakest.unsupportedTerms());
    return String.format(
        "%.2f of the answer is supported; weakest claim \"%s\" %s",
        value, abbreviate(weakest.text(), 80), detail);
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

  /** Returns true when the token is a negation. */
  static boolean isNegation(Token token) {
    return !token.number()
        && (Lexicon.NEGATIONS.contains(token.text()) || token.text().endsWith("n't"));
  }
}
