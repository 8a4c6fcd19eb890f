package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.LocalTerms;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The grounding context cut into sentences, with an inverted index from each term to the sentences
 * holding it and each sentence's polarity. Built once per call with one pass over the context;
 * looking up a claim costs the length of its terms' posting lists. Terms are the call's {@link
 * LocalTerms} numbers, so a posting list is found by array index.
 */
final class ContextIndex {

  // Indexed by term number; null when the context lacks the term.
  private final int[][] postings;
  // Per sentence: bit s is set when sentence s is negated, or restricted in scope.
  private final BitSet negative = new BitSet();
  private final BitSet restricted = new BitSet();
  private final int sentences;

  /** The best-matching context window of one claim. */
  record Match(double coverage, double sentenceCoverage, int sentence) {}

  private boolean hasTerms;

  /**
   * Indexes {@code sources}, keeping posting lists only for {@code wanted} terms (the terms of the
   * text that will be checked); sentence polarity is recorded for every sentence.
   */
  ContextIndex(List<String> sources, LocalTerms wanted) {
    int[][] growing = new int[wanted.size()][];
    int sentence = 0;
    for (String source : sources) {
      TokenList tokens = Tokenizer.tokenList(source);
      int t = 0;
      int count = tokens.size();
      for (int[] span : Sentences.claims(source)) {
        boolean neg = false;
        boolean restrictive = false;
        boolean first = true;
        while (t < tokens.size() && tokens.get(t).start() < span[1]) {
          Token token = tokens.get(t++);
          if (token.start() < span[0]) {
            continue;
          }
          boolean start = first;
          first = false;
          if (GroundednessScorer.isNegation(tokens, t - 1, start, count)) {
            neg = true;
          } else if (token.restrictive()) {
            restrictive = true;
          } else {
            hasTerms = true;
            int term = wanted.find(tokens, t - 1);
            if (term >= 0) {
              add(growing, term, sentence);
            }
          }
        }
        negative.set(sentence, neg);
        restricted.set(sentence, restrictive);
        sentence++;
      }
    }
    sentences = sentence;
    postings = growing;
  }

  // Posting lists are int arrays whose slot 0 holds the count; sentence ids ascend.
  private static void add(int[][] growing, int term, int sentence) {
    int[] list = growing[term];
    if (list == null) {
      growing[term] = new int[] {1, sentence, 0, 0};
      return;
    }
    int count = list[0];
    if (list[count] == sentence) {
      return;
    }
    if (count + 1 == list.length) {
      list = Arrays.copyOf(list, list.length * 2);
      growing[term] = list;
    }
    list[count + 1] = sentence;
    list[0] = count + 1;
  }

  /** Returns true when the context holds the term numbered {@code term}. */
  boolean contains(int term) {
    return postings[term] != null;
  }

  /** Returns true when the context holds no word or number at all. */
  boolean isEmpty() {
    return !hasTerms;
  }

  int sentences() {
    return sentences;
  }

  boolean negative(int sentence) {
    return negative.get(sentence);
  }

  boolean restricted(int sentence) {
    return restricted.get(sentence);
  }

  /**
   * Returns the share of the claim's weight found together in the best window of two adjacent
   * context sentences, and in the best single sentence.
   */
  Match match(
      int[] terms,
      double[] weights,
      int termCount,
      double totalWeight,
      int[] scratchMark,
      double[] window,
      double[] single) {
    int n = sentences();
    Arrays.fill(window, 0, n, 0);
    Arrays.fill(single, 0, n, 0);
    Arrays.fill(scratchMark, 0, n, -1);
    for (int k = 0; k < termCount; k++) {
      int[] list = postings[terms[k]];
      if (list == null) {
        continue;
      }
      double weight = weights[k];
      for (int p = 1; p <= list[0]; p++) {
        int s = list[p];
        single[s] += weight;
        // Window w covers sentences w and w + 1; count each term once per window.
        for (int w = Math.max(0, s - 1); w <= s; w++) {
          if (scratchMark[w] != k) {
            scratchMark[w] = k;
            window[w] += weight;
          }
        }
      }
    }
    double bestWindow = 0;
    double bestSingle = 0;
    int bestSentence = -1;
    for (int s = 0; s < n; s++) {
      bestWindow = Math.max(bestWindow, window[s]);
      if (single[s] > bestSingle) {
        bestSingle = single[s];
        bestSentence = s;
      }
    }
    return new Match(bestWindow / totalWeight, bestSingle / totalWeight, bestSentence);
  }
}
