package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.TokenList;
import java.util.Collection;

/**
 * Lower-case words, each with an {@code int} of flag bits, looked up by token. A detector that asks
 * several word lists about every token gets all the answers from one probe of an open-addressed
 * table keyed by the hash the token already carries, instead of hashing and probing once per list.
 * The table is at most a quarter full, so a word in none of the lists usually costs one array read.
 *
 * <p>Reading a token's text or hash loads its vocabulary entry, a memory access that dominates the
 * probe on long texts. {@link #of(String, TokenList, int)} first tests the token's opening pair of
 * characters in the source text, which the scan reads in order anyway, against the openings of the
 * words: most tokens are rejected without their entry being loaded. Immutable once built;
 * thread-safe.
 */
final class WordFlags {

  private final String[] words;
  private final int[] hashes;
  private final int[] flags;
  private final int mask;
  // One bit per opening pair: the codes of a word's first two characters (see `code`).
  private final long[] openings = new long[(CODES * CODES + 63) / 64];

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
   * text}, 0 when it is in no list; tokens whose opening no word shares are answered from the
   * source characters alone.
   */
  int of(String text, TokenList tokens, int index) {
    int start = tokens.start(index);
    int end = tokens.end(index);
    int first = code(text.charAt(start));
    int second = end - start == 1 ? END : code(text.charAt(start + 1));
    // An opening outside ASCII letters and digits may fold to anything: look the word up.
    if (first != OTHER && second != OTHER && !hasOpening(first, second)) {
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

  // Codes of the characters an opening is made of. The tokenizer lower-cases a word's ASCII
  // letters and keeps its digits, so the first two characters of a word's text have the codes of
  // the first two characters of the token in the source. A number's text may not, but numbers
  // match no word: every word has a letter (the builder checks).
  private static final int END = 0;
  private static final int DIGIT = 27;
  private static final int OTHER = 28;
  private static final int CODES = 28;

  private static int code(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 1;
    }
    return c >= '0' && c <= '9' ? DIGIT : OTHER;
  }

  private boolean hasOpening(int first, int second) {
    int bit = first * CODES + second;
    return (openings[bit >>> 6] & 1L << bit) != 0;
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
        if (word.chars().noneMatch(Character::isLetter)) {
          throw new IllegalArgumentException("not a word: " + word);
        }
        table.words[slot] = word;
        table.hashes[slot] = hash;
        addOpening(word);
      }
      table.flags[slot] |= flag;
    }

    // A word opening with characters other than ASCII letters and digits is only matched by tokens
    // opening likewise, which are always looked up: it needs no bit.
    private void addOpening(String word) {
      int first = code(word.charAt(0));
      int second = word.length() == 1 ? END : code(word.charAt(1));
      if (first != OTHER && second != OTHER) {
        int bit = first * CODES + second;
        table.openings[bit >>> 6] |= 1L << bit;
      }
    }

    /** Returns the table; the builder must not be used afterwards. */
    WordFlags build() {
      return table;
    }
  }
}
