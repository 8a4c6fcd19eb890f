package dev.argus.core.scoring.text;

import java.util.Arrays;

/**
 * A bounded table of the words (or numbers) seen so far with their normalised form, term, term key
 * and lexicon flags, looked up straight from the characters of the text without allocating.
 *
 * <p>Each word is keyed by two {@code long}s (see {@link #key} and {@link #key2}): a word of up to
 * {@value #MAX_PAIRED} ASCII letters, digits, apostrophes or separators is packed into them, six
 * bits a character, so finding it is two comparisons of longs; any other word is keyed by its hash
 * and confirmed against its characters. The tokenizer works the key out in the same pass that finds
 * the word's end. The keys live in the entry itself, so a lookup reads the slot and the entry,
 * which the caller reads next anyway, and nothing else. Lookups take no lock; inserts take one.
 * Entries are immutable records, so a reader that sees one in a slot sees all of its fields.
 *
 * <p>The table is generational: once three-quarters full it is replaced by an empty one, so a
 * server that sees an endless stream of new words (ids, figures, names) keeps a bounded table whose
 * lookups stay fast; words of the old generation are simply worked out again when next seen.
 * Nothing outside refers to a generation: entries carry no global ids, only their term and its
 * {@link #termKey}, which depend on the word alone.
 */
final class Vocabulary {

  /**
   * What is known about one word. The lexicon flags are worked out once per word here, so scorers
   * test a boolean per token instead of probing a set with the token's text. {@code chars} holds
   * the characters as written, case folded (never modified), for the match loop; {@code hash} is
   * {@code text.hashCode()} and {@code termKey} is {@link #termKey(String)} of {@code term}; {@code
   * key} and {@code key2} are {@link #key} and {@link #key2} of {@code chars}, the word's table
   * key.
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
      boolean restrictive,
      long key,
      long key2) {

    /** Creates the entry of a word, with its table key worked out from {@code chars}. */
    Word(
        String text,
        char[] chars,
        int hash,
        String term,
        long termKey,
        boolean number,
        boolean stopword,
        boolean negation,
        boolean restrictive) {
      this(
          text,
          chars,
          hash,
          term,
          termKey,
          number,
          stopword,
          negation,
          restrictive,
          Vocabulary.key(chars, 0, chars.length),
          Vocabulary.key2(chars, 0, chars.length));
    }
  }

  /** Works out the entry of a word not in the table. */
  @FunctionalInterface
  interface Factory {
    /** Returns the entry of the word written in {@code text[start, end)}. */
    Word create(char[] text, int start, int end);
  }

  /** Longest word kept in the table; longer ones are worked out on each sight. */
  static final int MAX_WORD_LENGTH = 40;

  /** Longest word whose characters are packed into its first key, and longest term key. */
  static final int MAX_PACKED = 10;

  /**
   * Longest word whose characters are packed into its two keys. Words of 11 to 20 characters are
   * about one token in sixty; packing them spares a hash pass and a comparison of characters.
   */
  static final int MAX_PAIRED = 2 * MAX_PACKED;

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

  /** One generation: the entry of each slot (null when free). */
  private static final class Table {
    final Word[] words;
    int size;

    Table(int capacity) {
      words = new Word[capacity];
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
   * Creates a table of {@code capacity} slots (a power of two) filled by {@code factory} that keeps
   * words of at most {@code maxLength} characters; longer ones are worked out on each sight.
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
    return lookup(text, start, end, key(text, start, end), key2(text, start, end));
  }

  /**
   * Returns the word in {@code text[start, end)} whose {@link #key} is {@code key} and whose {@link
   * #key2} is {@code key2}, creating its entry on first sight.
   */
  Word lookup(char[] text, int start, int end, long key, long key2) {
    // The common case, a packed key in its home slot, is kept small enough to be inlined into
    // the tokenizer's loop; a packed key proves the word, so no characters are compared.
    Word[] words = table.words;
    Word word = words[slot(key, key2, words.length)];
    if (word != null && word.key == key && word.key2 == key2 && (key & HASHED) == 0) {
      return word;
    }
    return probe(text, start, end, key, key2);
  }

  private Word probe(char[] text, int start, int end, long key, long key2) {
    if (end - start > maxLength) {
      return factory.create(text, start, end);
    }
    Word[] words = table.words;
    int mask = words.length - 1;
    int slot = slot(key, key2, words.length);
    for (int probes = 0; probes < 16; probes++) {
      Word word = words[slot];
      if (word == null) {
        // Worked out before taking the lock, so that threads meeting new words do not queue.
        return insert(factory.create(text, start, end), text, start, end);
      }
      if (isWord(word, key, key2, text, start, end)) {
        return word;
      }
      slot = (slot + 1) & mask;
    }
    return factory.create(text, start, end);
  }

  private static boolean isWord(Word word, long key, long key2, char[] text, int start, int end) {
    return word.key == key
        && word.key2 == key2
        && ((key & HASHED) == 0 || matches(word.chars(), text, start, end));
  }

  /** Returns how many times the table has been started afresh (1 for a new table). */
  synchronized int generations() {
    return generations;
  }

  private synchronized Word insert(Word created, char[] text, int start, int end) {
    long key = created.key;
    long key2 = created.key2;
    if (key != key(text, start, end) || key2 != key2(text, start, end)) {
      // The word's folded characters key differently from the text (a letter whose lower case
      // folds again): it could never be found, so it is not kept.
      return created;
    }
    Table current = table;
    if (current.size >= maxEntries) {
      // Full: start a new generation. Readers still holding the old one finish their lookup in
      // it, which stays valid; it is garbage once they are done.
      current = new Table(capacity);
      table = current;
      generations++;
    }
    Word[] words = current.words;
    int mask = words.length - 1;
    int slot = slot(key, key2, words.length);
    // Probe again under the lock: another thread may have inserted this word meanwhile.
    for (int probes = 0; probes < 16; probes++) {
      Word word = words[slot];
      if (word == null) {
        words[slot] = created;
        current.size++;
        return created;
      }
      if (isWord(word, key, key2, text, start, end)) {
        return word;
      }
      slot = (slot + 1) & mask;
    }
    return created;
  }

  /**
   * Returns the first key of the word in {@code text[start, end)}: when all its characters are
   * packable and it has at most {@value #MAX_PACKED} of them, those characters packed; with up to
   * {@value #MAX_PAIRED}, all but the last {@value #MAX_PACKED} packed (see {@link #key2}); else
   * {@link #HASHED} over the hash of its folded characters. Two words with equal folded characters
   * have equal keys, and two words of packable characters with equal keys are equal.
   */
  static long key(char[] text, int start, int end) {
    int length = end - start;
    if (length <= MAX_PAIRED) {
      long packed = pack(text, start, length <= MAX_PACKED ? end : end - MAX_PACKED);
      if (packed != 0 && (length <= MAX_PACKED || pack(text, end - MAX_PACKED, end) != 0)) {
        return packed;
      }
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + fold(text[i]);
    }
    return HASHED | (hash & 0xFFFF_FFFFL);
  }

  /**
   * Returns the second key of the word in {@code text[start, end)}: its last {@value #MAX_PACKED}
   * characters packed when it has from {@value #MAX_PACKED} + 1 to {@value #MAX_PAIRED} characters,
   * all packable; else 0.
   */
  static long key2(char[] text, int start, int end) {
    int length = end - start;
    if (length <= MAX_PACKED || length > MAX_PAIRED || pack(text, start, end - MAX_PACKED) == 0) {
      return 0;
    }
    return pack(text, end - MAX_PACKED, end);
  }

  /**
   * Returns the characters of {@code text[start, end)}, at most {@value #MAX_PACKED}, packed six
   * bits each; 0 when one of them has no code.
   */
  static long pack(char[] text, int start, int end) {
    long key = 0;
    for (int i = start; i < end; i++) {
      char c = text[i];
      int code = c < 128 ? CODES[c] : c == '\u2019' ? APOSTROPHE : 0;
      if (code == 0) {
        return 0;
      }
      key = key << 6 | code;
    }
    return key;
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

  // Fibonacci hashing: the top bits of the product depend on every bit of the keys. The length
  // is that of the table's array; passing it lets the compiler drop the bounds check.
  private int slot(long key, long key2, int length) {
    return (int) (((key * 31 + key2) * 0x9E37_79B9_7F4A_7C15L) >>> shift) & (length - 1);
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
