package dev.argus.core.scoring.variance;

import dev.argus.core.scoring.text.TokenList;

/**
 * A compact summary of one answer: the distinct hashes of its content terms (from at most {@value
 * #MAX_TERMS} of them) and of its numbers, in no particular order, so answers can be compared
 * without keeping their text.
 */
record Fingerprint(int[] terms, int[] numbers) {

  private static final int MAX_TERMS = 256;

  /**
   * Summarises an answer without the terms of its question: "The capital of Australia is Canberra"
   * and "... is Sydney" then differ in everything they assert instead of agreeing on the restated
   * question. The result keeps the hash sets it was built with, so the answer is compared with
   * earlier ones without sorting either side.
   */
  static Indexed of(TokenList tokens, QuestionTerms questionTerms) {
    int limit = Math.min(tokens.size(), MAX_TERMS);
    // At most `limit` terms: sized for them, the set never grows. Numbers are few in most
    // answers, so their set starts small.
    IntSet terms = new IntSet(Math.max(1, limit));
    IntSet numbers = new IntSet();
    int t = 0;
    int n = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.isNumber(i)) {
        if (n < limit) {
          // The token's hash is its text's hash code.
          numbers.add(tokens.hash(i));
          n++;
        }
      } else if (t < limit && !tokens.isStopword(i)) {
        int hash = QuestionTerms.termHash(tokens, i);
        if (!questionTerms.contains(hash)) {
          terms.add(hash);
          t++;
        }
      }
    }
    return new Indexed(terms, numbers);
  }

  /**
   * The fingerprint of the answer being scored, with hash sets of its values: each earlier answer
   * is compared by probing its values, one probe each.
   */
  static final class Indexed {

    private final IntSet terms;
    private final IntSet numbers;
    private final Fingerprint fingerprint;

    private Indexed(IntSet terms, IntSet numbers) {
      this.terms = terms;
      this.numbers = numbers;
      this.fingerprint = new Fingerprint(terms.toArray(), numbers.toArray());
    }

    /** Returns the compact fingerprint, which is what the history keeps. */
    Fingerprint fingerprint() {
      return fingerprint;
    }

    /** Returns the agreement with {@code other} in [0, 1]: term Jaccard, numbers weighted in. */
    double similarity(Fingerprint other) {
      double termAgreement = jaccard(terms, other.terms);
      if (numbers.size() == 0 && other.numbers.length == 0) {
        return termAgreement;
      }
      return 0.6 * termAgreement + 0.4 * jaccard(numbers, other.numbers);
    }

    private static double jaccard(IntSet a, int[] b) {
      if (a.size() == 0 && b.length == 0) {
        return 1.0;
      }
      // Both sides hold distinct values, so the shared ones are b's values found in a.
      int shared = 0;
      for (int value : b) {
        shared += a.contains(value) ? 1 : 0;
      }
      return shared / (double) (a.size() + b.length - shared);
    }
  }
}
