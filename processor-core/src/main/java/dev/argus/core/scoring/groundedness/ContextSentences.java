package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The context cut into sentences with their terms and polarity, built lazily: only a claim that
 * could contradict (one that shares most terms with a context sentence) pays for it.
 */
final class ContextSentences {

  /** Share of a claim's terms a context sentence must hold to be "about the same thing". */
  private static final double SAME_TOPIC = 0.6;

  /** Words that restrict a statement's scope; polarity cannot be compared across them. */
  static final Set<String> RESTRICTIVE =
      Lexicon.words("only", "except", "unless", "exclusively", "solely", "but");

  private final List<String> sources;
  private List<Set<String>> termSets;
  private List<Boolean> negative;
  private List<Boolean> restricted;

  ContextSentences(List<String> sources) {
    this.sources = sources;
  }

  /**
   * Returns true when the context sentence that best covers {@code terms} (at least {@value
   * #SAME_TOPIC} of them) has the opposite polarity. When either side restricts its scope ("only",
   * "except") the polarities say nothing about each other and nothing is reported.
   */
  boolean contradicts(Set<String> terms, boolean negated, boolean claimRestricted) {
    if (terms.size() < 3 || claimRestricted) {
      return false;
    }
    build();
    double best = 0;
    boolean bestNegative = false;
    boolean bestRestricted = false;
    for (int i = 0; i < termSets.size(); i++) {
      Set<String> sentence = termSets.get(i);
      int shared = 0;
      for (String term : terms) {
        if (sentence.contains(term)) {
          shared++;
        }
      }
      double overlap = shared / (double) terms.size();
      if (overlap > best) {
        best = overlap;
        bestNegative = negative.get(i);
        bestRestricted = restricted.get(i);
      }
    }
    return best >= SAME_TOPIC && !bestRestricted && bestNegative != negated;
  }

  private void build() {
    if (termSets != null) {
      return;
    }
    termSets = new ArrayList<>();
    negative = new ArrayList<>();
    restricted = new ArrayList<>();
    for (String source : sources) {
      for (int[] span : Sentences.claims(source)) {
        Set<String> terms = new HashSet<>();
        boolean neg = false;
        boolean restrictive = false;
        for (Token token : Tokenizer.tokenize(source.substring(span[0], span[1]))) {
          if (GroundednessScorer.isNegation(token)) {
            neg = true;
          } else if (RESTRICTIVE.contains(token.text())) {
            restrictive = true;
          } else if (token.number() || !Lexicon.STOPWORDS.contains(token.text())) {
            terms.add(TermSet.term(token));
          }
        }
        termSets.add(terms);
        negative.add(neg);
        restricted.add(restrictive);
      }
    }
  }
}
