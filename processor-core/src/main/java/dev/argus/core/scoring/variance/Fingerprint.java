package dev.argus.core.scoring.variance;

import dev.argus.core.scoring.text.TokenList;
import java.util.Arrays;

/**
 * A compact summary of one answer: the sorted distinct hashes of its content terms (at most {@value
 * #MAX_TERMS}) and of its numbers, so answers can be compared without keeping their text.
 */
record Fingerprint(int[] terms, int[] numbers) {

  private static final int MAX_TERMS = 256;

  static Fingerprint of(TokenList tokens) {
    return of(tokens, QuestionTerms.NONE);
  }

  /**
   * Summarises an answer without the terms of its question: "The capital of Australia is Canberra"
   * and "... is Sydney" then differ in everything they assert instead of agreeing on the restated
   * question.
   */
  static Fingerprint of(TokenList tokens, QuestionTerms questionTerms) {
    int[] terms = new int[Math.min(tokens.size(), MAX_TERMS)];
    int[] numbers = new int[Math.min(tokens.size(), MAX_TERMS)];
    int t = 0;
    int n = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.isNumber(i)) {
        if (n < numbers.length) {
          // The token's hash is its text's hash code.
          numbers[n++] = tokens.hash(i);
        }
      } else if (t < terms.length && !tokens.isStopword(i)) {
        int hash = tokens.term(i).hashCode();
        if (!questionTerms.contains(hash)) {
          terms[t++] = hash;
        }
      }
    }
    return new Fingerprint(distinct(terms, t), distinct(numbers, n));
  }

  private static int[] distinct(int[] values, int count) {
    int[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int unique = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[unique++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, unique);
  }

  /** Returns the agreement with {@code other} in [0, 1]: term Jaccard, numbers weighted in. */
  double similarity(Fingerprint other) {
    double terms = jaccard(this.terms, other.terms);
    if (numbers.length == 0 && other.numbers.length == 0) {
      return terms;
    }
    return 0.6 * terms + 0.4 * jaccard(numbers, other.numbers);
  }

  private static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int shared = 0;
    // Branch-free merge: which side advances depends on the data and defeats branch prediction,
    // so both steps are computed as 0 or 1 instead.
    while (i < a.length && j < b.length) {
      int x = a[i];
      int y = b[j];
      shared += x == y ? 1 : 0;
      i += x <= y ? 1 : 0;
      j += x >= y ? 1 : 0;
    }
    return shared / (double) (a.length + b.length - shared);
  }
}
