package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.TokenList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The support of one claim by the context.
 *
 * @param text the claim as written
 * @param weight weight of all the claim's content terms (its share of the answer)
 * @param support smoothed share of the claim's new terms (not in the question) found anywhere in
 *     the context
 * @param coverage share of all the claim's terms found together in one context window
 * @param unsupportedNumber true when a number of the claim is absent from the context
 * @param unsupportedTerms the new terms absent from the context, as written
 * @param contradicted true when the best-matching context sentence has the opposite polarity
 */
record ClaimCheck(
    String text,
    double weight,
    double support,
    double coverage,
    boolean unsupportedNumber,
    List<String> unsupportedTerms,
    boolean contradicted) {

  /** Share of a claim's weight a context sentence must hold to state "the same thing". */
  static final double SAME_STATEMENT = 0.8;

  /**
   * Checks the claim made of {@code tokens[from, to)} of {@code completion}; {@code span} is the
   * claim's {@code [start, end)} in {@code completion}, quoted whole as the claim's text, and
   * {@code termNumbers} holds each token's term number.
   */
  static ClaimCheck of(
      String completion,
      int[] span,
      TokenList tokens,
      int[] termNumbers,
      int from,
      int to,
      ContextIndex context,
      TermSet given,
      Scratch scratch) {
    int capacity = to - from;
    int[] terms = new int[capacity];
    double[] weights = new double[capacity];
    int termCount = 0;
    double total = 0;
    double newWeight = 0;
    double supported = 0;
    boolean unsupportedNumber = false;
    boolean negated = false;
    boolean restricted = false;
    List<String> unsupported = new ArrayList<>(2);
    boolean contentFree = isContentFree(tokens, from, to);
    for (int i = from; i < to; i++) {
      if (GroundednessScorer.isNegation(tokens, i, i == from, to)) {
        negated = true;
        continue;
      }
      restricted |= tokens.isRestrictive(i);
      int start = tokens.start(i);
      int end = tokens.end(i);
      if (scratch.inCitation(start, end)) {
        continue;
      }
      boolean number = tokens.isNumber(i);
      // Function words state nothing checkable, unless the claim is made of nothing else.
      if (!number && !contentFree && tokens.isStopword(i)) {
        continue;
      }
      int term = termNumbers[i];
      double weight = number ? 3 : tokens.isCapitalized(i) && i > from ? 2 : 1;
      terms[termCount] = term;
      weights[termCount++] = weight;
      total += weight;
      if (given.contains(term)) {
        continue;
      }
      newWeight += weight;
      if (context.contains(term)) {
        supported += weight;
      } else {
        unsupportedNumber |= number;
        unsupported.add(completion.substring(start, end));
      }
    }
    if (total == 0) {
      return null;
    }
    ContextIndex.Match match = context.match(terms, weights, termCount, total, scratch);
    boolean contradicted =
        termCount >= 2
            && match.sentence() >= 0
            && match.sentenceCoverage() >= SAME_STATEMENT
            && !restricted
            && !context.restricted(match.sentence())
            && context.negative(match.sentence()) != negated;
    double support = (supported + 1) / (newWeight + 1);
    return new ClaimCheck(
        quote(completion, span),
        total,
        support,
        Math.min(1.0, match.sentenceCoverage()),
        unsupportedNumber,
        unsupported,
        contradicted);
  }

  /**
   * Returns true when the claim {@code tokens[from, to)} is made of more than one function word and
   * nothing else, such as a name ("And There's More"): it is then checked word by word.
   */
  static boolean isContentFree(TokenList tokens, int from, int to) {
    if (to - from <= 1) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (tokens.isNumber(i) || !tokens.isStopword(i)) {
        return false;
      }
    }
    return true;
  }

  // The claim as written, punctuation included: evidence that ends at the last word would drop
  // a closing bracket or quote, as in a citation "[doc-1]".
  private static String quote(String completion, int[] span) {
    int start = span[0];
    int end = span[1];
    while (start < end && Character.isWhitespace(completion.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(completion.charAt(end - 1))) {
      end--;
    }
    return completion.substring(start, end);
  }

  /** Longest citation marker recognised, brackets included ("[kb-0142]", "[doc-12]"). */
  static final int MAX_CITATION = 40;

  // Returns the offset of the ']' closing a marker opened at text[open], or -1 when there is none
  // within MAX_CITATION characters, so finding the markers stays linear in the answer.
  private static int markerClose(String text, int open) {
    int close = open + 1;
    int bound = Math.min(text.length(), open + MAX_CITATION);
    while (close < bound && isMarkerChar(text.charAt(close))) {
      close++;
    }
    return close < bound && text.charAt(close) == ']' ? close : -1;
  }

  /** Returns true for a character a citation marker may hold between its brackets. */
  static boolean isMarkerChar(char c) {
    return c != '[' && c != ']' && !Character.isWhitespace(c);
  }

  /** Returns the claim's score in [0, 1]. */
  double score() {
    double score = support * (0.2 + 0.8 * coverage);
    if (unsupportedNumber) {
      score = Math.min(score, GroundednessScorer.UNSUPPORTED_NUMBER_CAP);
    }
    if (contradicted) {
      score *= GroundednessScorer.CONTRADICTION_FACTOR;
    }
    return score;
  }

  /**
   * Reusable per-call arrays sized to the number of context sentences, and what is known of the
   * whole answer. {@link ContextIndex#match} leaves the arrays as it found them: sums zero, marks
   * -1.
   */
  static final class Scratch {
    // The answer's citation markers: opening and closing bracket offsets in text order, found
    // once per answer so that a token is placed by a search rather than by reading around it.
    private final int[] citationOpens;
    private final int[] citationCloses;
    private final int citations;
    final int[] mark;
    final double[] window;
    final double[] single;
    // The sentences and windows a claim touched, to reset only those.
    final int[] sentences;
    final int[] windows;

    Scratch(int sentences, String completion) {
      int[] opens = new int[0];
      int[] closes = new int[0];
      int found = 0;
      // A marker has no bracket inside, so the next one starts after this one's '['.
      for (int open = completion.indexOf('[');
          open >= 0;
          open = completion.indexOf('[', open + 1)) {
        int close = markerClose(completion, open);
        if (close >= 0) {
          if (found == opens.length) {
            opens = Arrays.copyOf(opens, Math.max(4, 2 * found));
            closes = Arrays.copyOf(closes, opens.length);
          }
          opens[found] = open;
          closes[found++] = close;
        }
      }
      citationOpens = opens;
      citationCloses = closes;
      citations = found;
      mark = new int[sentences];
      Arrays.fill(mark, -1);
      window = new double[sentences];
      single = new double[sentences];
      this.sentences = new int[sentences];
      windows = new int[sentences];
    }

    /**
     * Returns whether the token at {@code completion[start, end)} (tokens hold no brackets or white
     * space) lies within one of the answer's bracketed markers without spaces, such as "[kb-0142]":
     * a citation points at a source and asserts nothing the context could confirm.
     */
    boolean inCitation(int start, int end) {
      if (citations == 0 || start <= citationOpens[0]) {
        return false;
      }
      // The last marker opening before the token is the only one that can hold it.
      int low = 0;
      int high = citations - 1;
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (citationOpens[mid] < start) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return end <= citationCloses[low];
    }
  }
}
