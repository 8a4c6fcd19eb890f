package dev.argus.core.scoring.text;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded table of the words (or numbers) seen so far with their normalised form, term, term key
 * and lexicon flags, looked up straight from the characters of the text without allocating.
 *
 * <p>Each slot is keyed by a {@code long} (see {@link #key}): a word of up to {@value #MAX_PACKED}
 * ASCII letters, digits, apostrophes or separators is packed into the key itself, six bits a
 * character, so finding it is one comparison of longs; any other word is keyed by its hash and
 * confirmed against its characters. The tokenizer works the key out in the same pass that finds
 * the word's end. Lookups take no lock; inserts take one, so a slot's key and entry are written
 * once and always belong together.
 *
 * <p>The table is generational: once three-quarters full it is replaced by an empty one, so a
 * server that sees an endless stream of new words (ids, figures, names) keeps a bounded table
 * whose lookups stay fast; words of the old generation are simply worked out again when next
 * seen. Nothing outside refers to a generation: entries carry no global ids, only their term and
 * its {@link #termKey}, which depend on the word alone.
 */
final class Vocabulary {

  /**
   * What is known about one word. The lexicon flags are worked out once per word here, so scorers
   * test a boolean per token instead of probing a set with the token's text. {@code chars} holds
   * the characters as written, case folded (never modified), for the match loop; {@code hash} is
   * {@code text.hashCode()} and {@code termKey} is {@link #termKey(String)} of {@code term}.
   */
  record Word(
      String text,
      char[] chars,
      int hash,
      String term,
      long termKey,
      boolean number,
      boolean stopword,
      boolean negation,
      boolean restrictive) {}

  /** Works out the entry of a word not in the table. */
  @FunctionalInterface
  interface Factory {
    /** Returns the entry of the word written in {@code text[start, end)}. */
    Word create(char[] text, int start, int end);
  }

  /** Longest word kept in the table; longer ones are worked out on each sight. */
  static final int MAX_WORD_LENGTH = 40;
  /** Longest word whose characters are packed into its key. */
  static final int MAX_PACKED = 10;
  /** Keys of words that are not packed: this bit over the 32-bit hash. Packed keys use 60 bits. */
  static final long HASHED = 1L << 62;
  /** Code of the last letter; digits follow it, then the apostrophe and the separators. */
  static final byte LAST_LETTER = 26;
  /** Code of the apostrophe; every code from here on is a joining character, not a word one. */
  static final byte APOSTROPHE = 37;
  // Six-bit codes of the packable characters, case folded; 0 means "not packable".
  static final byte[] CODES = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      CODES[c] = (byte) (c - 'a' + 1);
      CODES[c - 32] = (byte) (c - 'a' + 1);
    }
    for (char c = '0'; c <= '9'; c++) {
      CODES[c] = (byte) (c - '0' + 27);
    }
    CODES['\''] = APOSTROPHE;
    CODES['.'] = 38;
    CODES[','] = 39;
  }

  /** One generation: the key of each slot (0 when free) and its word. */
  private static final class Table {
    final long[] keys;
    final AtomicReferenceArray<Word> words;
    int size;

    Table(int capacity) {
      keys = new long[capacity];
      words = new AtomicReferenceArray<>(capacity);
    }
  }

  private final int capacity;
  private final int maxLength;
  private final int shift;
  private final int maxEntries;
  private final Factory factory;
  private volatile Table table;
  private int generations = 1;

  /** Creates a table of {@code capacity} slots (a power of two) filled by {@code factory}. */
  Vocabulary(int capacity, Factory factory) {
    this(capacity, MAX_WORD_LENGTH, factory);
  }

  /**
   * Creates a table of {@code capacity} slots (a power of two) filled by {@code factory} that
   * keeps words of at most {@code maxLength} characters; longer ones are worked out on each sight.
   */
  Vocabulary(int capacity, int maxLength, Factory factory) {
    this.capacity = capacity;
    this.maxLength = maxLength;
    this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
    this.maxEntries = capacity / 4 * 3;
    this.factory = factory;
    this.table = new Table(capacity);
  }

  /** Returns the word in {@code text[start, end)}, creating its entry on first sight. */
  Word lookup(char[] text, int start, int end) {
    return lookup(text, start, end, key(text, start, end));
  }

  /**
   * Returns the word in {@code text[start, end)} whose {@link #key} is {@code key}, creating its
   * entry on first sight.
   */
  Word lookup(char[] text, int start, int end, long key) {
    // The common case, a packed key in its home slot, is kept small enough to be inlined into
    // the tokenizer's loop; a packed key proves the word, so no characters are compared.
    Table current = table;
    int slot = slot(key);
    if (current.keys[slot] == key && (key & HASHED) == 0) {
      Word word = current.words.get(slot);
      if (word != null) {
        return word;
      }
    }
    return probe(text, start, end, key);
  }

  private Word probe(char[] text, int start, int end, long key) {
    if (end - start > maxLength) {
      return factory.create(text, start, end);
    }
    Table current = table;
    long[] keys = current.keys;
    int mask = keys.length - 1;
    int slot = slot(key);
    for (int probes = 0; probes < 16; probes++) {
      long found = keys[slot];
      if (found == 0) {
        // Worked out before taking the lock, so that threads meeting new words do not queue.
        return insert(key, factory.create(text, start, end), text, start, end);
      }
      if (found == key) {
        Word word = current.words.get(slot);
        // A slot whose key is visible before its word is treated as a miss, never as a match.
        if (word != null && ((key & HASHED) == 0 || matches(word.chars(), text, start, end))) {
          return word;
        }
      }
      slot = (slot + 1) & mask;
    }
    return factory.create(text, start, end);
  }

  /** Returns how many times the table has been started afresh (1 for a new table). */
  synchronized int generations() {
    return generations;
  }

  private synchronized Word insert(long key, Word created, char[] text, int start, int end) {
    Table current = table;
    if (current.size >= maxEntries) {
      // Full: start a new generation. Readers still holding the old one finish their lookup in
      // it, which stays valid; it is garbage once they are done.
      current = new Table(capacity);
      table = current;
      generations++;
    }
    long[] keys = current.keys;
    int mask = keys.length - 1;
    int slot = slot(key);
    // Probe again under the lock: another thread may have inserted this word meanwhile.
    for (int probes = 0; probes < 16; probes++) {
      long found = keys[slot];
      if (found == 0) {
        keys[slot] = key;
        current.words.set(slot, created);
        current.size++;
        return created;
      }
      Word word = current.words.get(slot);
      if (found == key && ((key & HASHED) == 0 || matches(word.chars(), text, start, end))) {
        return word;
      }
      slot = (slot + 1) & mask;
    }
    return created;
  }

  /**
   * Returns the key of the word in {@code text[start, end)}: its packed characters when it has at
   * most {@value #MAX_PACKED} packable ones, else {@link #HASHED} over the hash of its folded
   * characters. Two words with equal folded characters have equal keys.
   */
  static long key(char[] text, int start, int end) {
    if (end - start <= MAX_PACKED) {
      long key = 0;
      int i = start;
      for (; i < end; i++) {
        char c = text[i];
        int code = c < 128 ? CODES[c] : c == '\u2019' ? APOSTROPHE : 0;
        if (code == 0) {
          break;
        }
        key = key << 6 | code;
      }
      if (i == end) {
        return key;
      }
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + fold(text[i]);
    }
    return HASHED | (hash & 0xFFFF_FFFFL);
  }

  /**
   * Returns the key of a term (a lower-case stem or canonical digits), computed like {@link #key}:
   * terms with equal text have equal keys, and packed keys are equal only for equal terms. Hashed
   * keys may collide, so a hashed key that matches must be confirmed by comparing the terms.
   */
  static long termKey(String term) {
    int length = term.length();
    if (length <= MAX_PACKED) {
      long key = 0;
      int i = 0;
      for (; i < length; i++) {
        char c = term.charAt(i);
        // Only characters that are their own folded form pack, so a key is one term's alone.
        int code = c < 128 && (c < 'A' || c > 'Z') ? CODES[c] : 0;
        if (code == 0) {
          break;
        }
        key = key << 6 | code;
      }
      if (i == length) {
        return key;
      }
    }
    return HASHED | (term.hashCode() & 0xFFFF_FFFFL);
  }
  // Fibonacci hashing: the top bits of the product depend on every bit of the key.
  private int slot(long key) {
    return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
  }

  private static boolean matches(char[] word, char[] text, int start, int end) {
    if (word.length != end - start) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text[i];
      // Most characters are already in folded form; fold only the ones that differ.
      if (word[i - start] != c && word[i - start] != fold(c)) {
        return false;
      }
    }
    return true;
  }

  static char fold(char c) {
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + 32);
    }
    if (c < 128) {
      return c;
    }
    return c == '\u2019' ? '\'' : Character.toLowerCase(c);
  }

  /** Returns the entry of a word: its lower-case form, stem (or digits) and lexicon flags. */
  static Word word(char[] text, int start, int end) {
    char[] chars = new char[end - start];
    for (int i = start; i < end; i++) {
      chars[i - start] = fold(text[i]);
    }
    String lower = new String(chars);
    String digits = Lexicon.NUMBER_WORDS.get(lower);
    String term = digits != null ? digits : Stemmer.stem(lower);
    boolean stop = Lexicon.STOPWORDS.contains(lower) || lower.length() < 2;
    boolean negation = Lexicon.NEGATIONS.contains(lower) || lower.endsWith("n't");
    return new Word(
        lower,
        chars,
        lower.hashCode(),
        term,
        termKey(term),
        false,
        stop,
        negation,
        Lexicon.RESTRICTIVES.contains(lower));
  }

  /** Returns the entry of a number as written: its canonical form is both text and term. */
  static Word number(char[] text, int start, int end) {
    // Digits and separators fold to themselves, so the written form is the table key.
    char[] chars = Arrays.copyOfRange(text, start, end);
    String canonical = Numbers.canonical(text, start, end);
    return new Word(
        canonical,
        chars,
        canonical.hashCode(),
        canonical,
        termKey(canonical),
        true,
        false,
        false,
        false);
  }
}
