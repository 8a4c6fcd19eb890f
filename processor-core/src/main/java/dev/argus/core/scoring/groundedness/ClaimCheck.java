package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The support of one claim: weighted count of its new terms found in the context.
 *
 * @param text the claim as written
 * @param supported weight of the new terms found in the context
 * @param total weight of all new terms (terms not already in the question)
 * @param unsupportedNumber true when a number of the claim is absent from the context
 * @param unsupportedTerms the new terms absent from the context, as written
 * @param negated true when the claim contains a negation
 * @param restricted true when the claim restricts its scope ("only", "except")
 * @param terms the claim's comparable terms
 * @param contradicted true when a context sentence says the same with opposite polarity
 */
record ClaimCheck(
    String text,
    double supported,
    double total,
    boolean unsupportedNumber,
    List<String> unsupportedTerms,
    boolean negated,
    boolean restricted,
    Set<String> terms,
    boolean contradicted) {

  /** Checks the claim {@code completion[start, end)}. */
  static ClaimCheck of(String completion, int start, int end, TermSet context, TermSet given) {
    String text = completion.substring(start, end);
    List<Token> tokens = Tokenizer.tokenize(text);
    double supported = 0;
    double total = 0;
    boolean unsupportedNumber = false;
    boolean negated = false;
    boolean restricted = false;
    List<String> unsupported = new ArrayList<>();
    Set<String> terms = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (GroundednessScorer.isNegation(token)) {
        negated = true;
        continue;
      }
      restricted |= ContextSentences.RESTRICTIVE.contains(token.text());
      if (!token.number()
          && (Lexicon.STOPWORDS.contains(token.text()) || token.text().length() < 2)) {
        continue;
      }
      String term = TermSet.term(token);
      terms.add(term);
      if (given.contains(term)) {
        continue;
      }
      double weight = token.number() ? 3 : token.capitalized() && i > 0 ? 2 : 1;
      total += weight;
      if (context.contains(term)) {
        supported += weight;
      } else {
        unsupportedNumber |= token.number();
        unsupported.add(text.substring(token.start(), token.end()));
      }
    }
    return new ClaimCheck(
        text, supported, total, unsupportedNumber, unsupported, negated, restricted, terms, false);
  }

  /** Returns this check, marked contradicted when a context sentence flips its polarity. */
  ClaimCheck withContradiction(ContextSentences context) {
    if (!context.contradicts(terms, negated, restricted)) {
      return this;
    }
    return new ClaimCheck(
        text,
        supported,
        total,
        unsupportedNumber,
        unsupportedTerms,
        negated,
        restricted,
        terms,
        true);
  }

  /**
   * Returns the claim's support in [0, 1], smoothed by one supported unit so that a claim with a
   * single unmatched word is not judged as harshly as one with many.
   */
  double score() {
    double score = (supported + 1) / (total + 1);
    if (unsupportedNumber) {
      score = Math.min(score, GroundednessScorer.UNSUPPORTED_NUMBER_CAP);
    }
    if (contradicted) {
      score *= GroundednessScorer.CONTRADICTION_FACTOR;
    }
    return score;
  }
}
