package dev.argus.core.scoring.safety;

/**
 * The lengths and opening characters of a set of words, which rule most other tokens out from their
 * characters in the source text alone. Reading a token's text or hash loads its vocabulary entry, a
 * memory access that dominates a set probe on long texts; the start, end and first characters of a
 * token are read in order with the text. Immutable once filled; thread-safe then.
 *
 * <p>The test relies on how the tokenizer normalises a word: character by character, lower-casing
 * ASCII letters and keeping digits, so a word's text is as long as its token in the source and
 * opens with the same letters and digits. A token opening with any other character (an apostrophe,
 * a letter outside ASCII) may fold to anything and is never ruled out. A number's text is its
 * canonical form instead, which may differ in length and opening from what was written.
 */
final class WordShapes {

  private static final int END = 0;
  private static final int DIGIT = 27;
  private static final int OTHER = 28;
  private static final int CODES = 28;

  // Per opening (the codes of the first two characters), one bit per length of the words that
  // open so; lengths from 31 up share the top bit.
  private final int[] openings = new int[CODES * CODES];
  private final boolean numbers;

  /**
   * Creates an empty set. When it may hold {@code numbers}, tokens opening with a digit are never
   * ruled out; otherwise every word added must have a letter.
   */
  WordShapes(boolean numbers) {
    this.numbers = numbers;
  }

  /** Adds a word (or number when allowed) in its normalised form, as a token's text. */
  void add(String word) {
    if (!numbers && word.chars().noneMatch(Character::isLetter)) {
      throw new IllegalArgumentException("not a word: " + word);
    }
    int first = code(word.charAt(0));
    int second = word.length() == 1 ? END : code(word.charAt(1));
    // A word opening otherwise is only matched by tokens opening otherwise, never ruled out.
    if (first != OTHER && second != OTHER) {
      openings[first * CODES + second] |= lengthBit(word.length());
    }
  }

  /**
   * Returns false when the token written in {@code text[start, end)} cannot be one of the words,
   * true when it may be.
   */
  boolean mayContain(String text, int start, int end) {
    int first = code(text.charAt(start));
    int second = end - start == 1 ? END : code(text.charAt(start + 1));
    if (first == OTHER || second == OTHER) {
      return true;
    }
    if (numbers && (first == DIGIT || second == DIGIT)) {
      return true;
    }
    return (openings[first * CODES + second] & lengthBit(end - start)) != 0;
  }

  private static int code(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 1;
    }
    return c >= '0' && c <= '9' ? DIGIT : OTHER;
  }

  private static int lengthBit(int length) {
    return 1 << Math.min(length, 31);
  }
}
