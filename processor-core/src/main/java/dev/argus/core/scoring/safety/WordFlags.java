package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.TokenList;
import java.util.Collection;

/**
 * Lower-case words, each with an {@code int} of flag bits, looked up by token. A detector that asks
 * several word lists about every token gets all the answers from one probe of an open-addressed
 * table keyed by the hash the token already carries, instead of hashing and probing once per list.
 * The table is at most a quarter full, so a word in none of the lists usually costs one array read.
 *
 * <p>{@link #of(String, TokenList, int)} first asks the {@link WordShapes} of the words, so most
 * tokens are answered without their vocabulary entry being loaded. Immutable once built;
 * thread-safe.
 */
final class WordFlags {

  private final String[] words;
  private final int[] hashes;
  private final int[] flags;
  private final int mask;
  private final WordShapes shapes = new WordShapes(false);

  private WordFlags(int capacity) {
    words = new String[capacity];
    hashes = new int[capacity];
    flags = new int[capacity];
    mask = capacity - 1;
  }

  /** Returns a builder for a table of at most {@code maxWords} distinct words. */
  static Builder builder(int maxWords) {
    return new Builder(maxWords);
  }

  /** Returns the flags of the text of token {@code index}, 0 when it is in no list. */
  int of(TokenList tokens, int index) {
    return find(tokens.text(index), tokens.hash(index));
  }

  /**
   * Returns the flags of the text of token {@code index} of {@code tokens}, the tokens of {@code
   * text}, 0 when it is in no list; tokens whose opening and length no word shares are answered
   * from the source characters alone.
   */
  int of(String text, TokenList tokens, int index) {
    if (!shapes.mayContain(text, tokens.start(index), tokens.end(index))) {
      return 0;
    }
    return of(tokens, index);
  }

  /** Returns the flags of {@code word}, 0 when it is in no list. */
  int of(String word) {
    return find(word, word.hashCode());
  }

  /**
   * Returns the flags of the first {@code length} characters of {@code word}, 0 when they are in no
   * list; the prefix is hashed in place rather than cut out as a new string.
   */
  int ofPrefix(String word, int length) {
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + word.charAt(i);
    }
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      String candidate = words[slot];
      if (candidate == null) {
        return 0;
      }
      if (hashes[slot] == hash && candidate.length() == length && word.startsWith(candidate)) {
        return flags[slot];
      }
    }
  }

  private int find(String word, int hash) {
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      String candidate = words[slot];
      if (candidate == null) {
        return 0;
      }
      if (hashes[slot] == hash && candidate.equals(word)) {
        return flags[slot];
      }
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** Collects words and their flags; a word added under several flags carries all of them. */
  static final class Builder {

    private final WordFlags table;
    private int size;
    private final int maxWords;

    private Builder(int maxWords) {
      this.maxWords = maxWords;
      this.table = new WordFlags(Integer.highestOneBit(Math.max(4, maxWords) * 4 - 1) << 1);
    }

    /** Adds {@code flag} to each of {@code words} (given in lower case). */
    Builder add(int flag, Collection<String> words) {
      words.forEach(word -> add(flag, word));
      return this;
    }

    /** Adds {@code flag} to each of {@code words} (given in lower case). */
    Builder add(int flag, String... words) {
      for (String word : words) {
        add(flag, word);
      }
      return this;
    }

    private void add(int flag, String word) {
      int hash = word.hashCode();
      int slot = spread(hash) & table.mask;
      while (table.words[slot] != null && !table.words[slot].equals(word)) {
        slot = (slot + 1) & table.mask;
      }
      if (table.words[slot] == null) {
        if (++size > maxWords) {
          throw new IllegalStateException("more than " + maxWords + " words");
        }
        table.shapes.add(word);
        table.words[slot] = word;
        table.hashes[slot] = hash;
      }
      table.flags[slot] |= flag;
    }

    /** Returns the table; the builder must not be used afterwards. */
    WordFlags build() {
      return table;
    }
  }
}
