package dev.argus.core.scoring.text;

import java.util.Set;

/**
 * A fixed set of lower-case words tested against tokens. Most tokens of a text are in none of the
 * small word lists the scorers use; a bitmap of the words' hashes rejects them from the hash kept
 * in the token, without reading the token's text or probing a set.
 */
public final class WordSet {

  private static final int BITS = 1 << 12;

  private final Set<String> words;
  private final long[] bitmap = new long[BITS / 64];

  private WordSet(Set<String> words) {
    this.words = words;
    for (String word : words) {
      int bit = bit(word.hashCode());
      bitmap[bit >>> 6] |= 1L << bit;
    }
  }

  /** Returns the set of {@code words}, each given in lower case. */
  public static WordSet of(String... words) {
    return new WordSet(Lexicon.words(words));
  }

  /** Returns the set of {@code words}, each given in lower case. */
  public static WordSet of(Set<String> words) {
    return new WordSet(Set.copyOf(words));
  }

  /** Returns true when the token's text is in this set. */
  public boolean contains(Token token) {
    int bit = bit(token.hash());
    return (bitmap[bit >>> 6] & 1L << bit) != 0 && words.contains(token.text());
  }

  /** Returns true when {@code word} is in this set. */
  public boolean contains(String word) {
    return words.contains(word);
  }

  private static int bit(int hash) {
    return (hash ^ hash >>> 12) & (BITS - 1);
  }
}
