package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.LocalTerms;
import dev.argus.core.scoring.text.Sentences;
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
   * text that will be checked); sentence polarity is recorded for every sentence. Function words of
   * the context are searched for only when {@code stopTerms} says a wanted term may be one's.
   */
  ContextIndex(List<String> sources, LocalTerms wanted, boolean stopTerms) {
    int[][] growing = new int[wanted.size()][];
    int sentence = 0;
    for (String source : sources) {
      TokenList tokens = Tokenizer.tokenList(source);
      int t = 0;
      int count = tokens.size();
      for (int end : Sentences.claimEnds(source)) {
        boolean neg = false;
        boolean restrictive = false;
        for (int first = t; t < end; t++) {
          if (GroundednessScorer.isNegation(tokens, t, t == first, count)) {
            neg = true;
          } else if (tokens.isRestrictive(t)) {
            restrictive = true;
          } else {
            hasTerms = true;
            // About half of prose is function words: skip their lookups when none can match.
            if (!stopTerms && tokens.isStopword(t) && !tokens.isNumber(t)) {
              continue;
            }
            int term = wanted.find(tokens, t);
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
   * context sentences, and in the best single sentence. Only the sentences holding one of the
   * claim's terms are visited, so a claim costs the length of its terms' posting lists rather than
   * the number of context sentences.
   */
  Match match(
      int[] terms,
      double[] weights,
      int termCount,
      double totalWeight,
      ClaimCheck.Scratch scratch) {
    double[] single = scratch.single;
    double[] window = scratch.window;
    int[] mark = scratch.mark;
    int[] sentences = scratch.sentences;
    int[] windows = scratch.windows;
    int sentenceCount = 0;
    int windowCount = 0;
    for (int k = 0; k < termCount; k++) {
      int[] list = postings[terms[k]];
      if (list == null) {
        continue;
      }
      double weight = weights[k];
      for (int p = 1; p <= list[0]; p++) {
        int s = list[p];
        // Weights are positive, so a zero sum means "first seen by this claim".
        if (single[s] == 0) {
          sentences[sentenceCount++] = s;
        }
        single[s] += weight;
        // Window w covers sentences w and w + 1; count each term once per window.
        for (int w = Math.max(0, s - 1); w <= s; w++) {
          if (mark[w] != k) {
            if (window[w] == 0) {
              windows[windowCount++] = w;
            }
            mark[w] = k;
            window[w] += weight;
          }
        }
      }
    }
    double bestWindow = 0;
    for (int i = 0; i < windowCount; i++) {
      int w = windows[i];
      bestWindow = Math.max(bestWindow, window[w]);
      window[w] = 0;
      mark[w] = -1;
    }
    double bestSingle = 0;
    int bestSentence = -1;
    for (int i = 0; i < sentenceCount; i++) {
      int s = sentences[i];
      // The earliest of equally good sentences wins, as in a scan in sentence order.
      if (single[s] > bestSingle || single[s] == bestSingle && s < bestSentence) {
        bestSingle = single[s];
        bestSentence = s;
      }
      single[s] = 0;
    }
    return new Match(bestWindow / totalWeight, bestSingle / totalWeight, bestSentence);
  }
}
