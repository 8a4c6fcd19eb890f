package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  // Built on first use: for each term, the ascending indices of the context sentences holding
  // it, so a claim is compared with every sentence in time proportional to its matches.
  private Map<String, Postings> postings;
  private boolean[] negative;
  private boolean[] restricted;
  private int[] shared;

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
    Arrays.fill(shared, 0);
    for (String term : terms) {
      Postings hits = postings.get(term);
      if (hits != null) {
        for (int i = 0; i < hits.size; i++) {
          shared[hits.sentences[i]]++;
        }
      }
    }
    // The first sentence with the highest overlap wins, as in a scan of the sentences in order.
    double best = 0;
    boolean bestNegative = false;
    boolean bestRestricted = false;
    for (int i = 0; i < shared.length; i++) {
      double overlap = shared[i] / (double) terms.size();
      if (overlap > best) {
        best = overlap;
        bestNegative = negative[i];
        bestRestricted = restricted[i];
      }
    }
    return best >= SAME_TOPIC && !bestRestricted && bestNegative != negated;
  }

  private void build() {
    if (postings != null) {
      return;
    }
    postings = new HashMap<>();
    List<Boolean> negatives = new ArrayList<>();
    List<Boolean> restrictives = new ArrayList<>();
    for (String source : sources) {
      for (int[] span : Sentences.claims(source)) {
        int sentence = negatives.size();
        boolean neg = false;
        boolean restrictive = false;
        for (Token token : Tokenizer.tokenize(source.substring(span[0], span[1]))) {
          if (GroundednessScorer.isNegation(token)) {
            neg = true;
          } else if (RESTRICTIVE.contains(token.text())) {
            restrictive = true;
          } else if (token.number() || !Lexicon.STOPWORDS.contains(token.text())) {
            postings.computeIfAbsent(TermSet.term(token), term -> new Postings()).add(sentence);
          }
        }
        negatives.add(neg);
        restrictives.add(restrictive);
      }
    }
    int count = negatives.size();
    negative = new boolean[count];
    restricted = new boolean[count];
    for (int i = 0; i < count; i++) {
      negative[i] = negatives.get(i);
      restricted[i] = restrictives.get(i);
    }
    shared = new int[count];
  }

  /** The sentences holding one term, each listed once, in ascending order. */
  private static final class Postings {
    private int[] sentences = new int[2];
    private int size;

    void add(int sentence) {
      // Sentences are added in order, so a repeat of the term can only be the last entry.
      if (size > 0 && sentences[size - 1] == sentence) {
        return;
      }
      if (size == sentences.length) {
        sentences = Arrays.copyOf(sentences, size * 2);
      }
      sentences[size++] = sentence;
    }
  }
}
