package dev.argus.core.scoring.variance;

import dev.argus.core.scoring.text.TokenList;

/**
 * The content-term hashes of a question, as an open-addressed set at most half full: an answer asks
 * it about each of its terms, one probe each, where a sorted array cost a binary search per term
 * and a sort to build.
 */
final class QuestionTerms {

  /** A question without content terms. */
  static final QuestionTerms NONE = new QuestionTerms(new int[2]);

  // 0 marks a free slot, so a probe reads one array; a term whose hash is 0 is kept aside.
  private final int[] hashes;
  private final int mask;
  private boolean hasZero;

  private QuestionTerms(int[] hashes) {
    this.hashes = hashes;
    this.mask = hashes.length - 1;
  }

  /** Returns the hashes of the terms of the content words (not numbers, not stop words). */
  static QuestionTerms of(TokenList tokens) {
    int capacity = Integer.highestOneBit(Math.max(2, tokens.size()) * 2 - 1) << 1;
    QuestionTerms terms = new QuestionTerms(new int[capacity]);
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.isNumber(i) && !tokens.isStopword(i)) {
        terms.add(termHash(tokens, i));
      }
    }
    return terms;
  }

  /**
   * Returns the hash of the term of token {@code i}, made from its term key: equal terms have equal
   * hashes, and the key is read from the token's vocabulary entry without loading the term.
   */
  static int termHash(TokenList tokens, int i) {
    return Long.hashCode(tokens.termKey(i));
  }

  /** Returns true when a question term has {@code hash}. */
  boolean contains(int hash) {
    if (hash == 0) {
      return hasZero;
    }
    for (int slot = index(hash); hashes[slot] != 0; slot = (slot + 1) & mask) {
      if (hashes[slot] == hash) {
        return true;
      }
    }
    return false;
  }

  private void add(int hash) {
    if (hash == 0) {
      hasZero = true;
      return;
    }
    int slot = index(hash);
    while (hashes[slot] != 0) {
      if (hashes[slot] == hash) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    hashes[slot] = hash;
  }

  private int index(int hash) {
    return (hash * 0x9E3779B9 >>> 16) & mask;
  }
}
