package dev.argus.core.scoring.text;

import java.util.Arrays;
import java.util.List;

/**
 * Splits text into word and number tokens in one pass over the characters.
 *
 * <p>A word is a run of letters and digits that contains a letter, with inner apostrophes kept
 * ({@code don't}). A number is a run of digits with inner {@code .} or {@code ,} separators;
 * thousands separators are dropped and leading or trailing zeros removed, so {@code 1,200.50} and
 * {@code 1200.5} are the same token. Everything else separates tokens.
 */
public final class Tokenizer {

  // Every scorer reads the same completion and context; the last few results per thread are
  // reused when the very same string instance comes back, so a call is tokenised once. Eight
  // covers prompt, completion, system instructions, question and a few retrieved documents.
  private static final int MEMO_SIZE = 8;
  private static final ThreadLocal<Object[]> MEMO =
      ThreadLocal.withInitial(() -> new Object[2 * MEMO_SIZE + 1]);

  private static final Vocabulary WORDS = new Vocabulary(1 << 16, Vocabulary::word);
  // Numbers are kept apart so that a stream of one-off figures (ids, timestamps) cannot crowd
  // words out of their table.
  private static final Vocabulary NUMBERS = new Vocabulary(1 << 14, Vocabulary::number);
  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  // Character classes of ASCII, looked up instead of calling Character for the common case.
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII[c] = LETTER;
      ASCII[c - 32] = LETTER;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII[c] = DIGIT;
    }
  }

  private Tokenizer() {}

  /**
   * Returns the tokens of {@code text} in order, as an unmodifiable list. Repeated calls with the
   * same string instance on one thread return the same list.
   */
  public static List<Token> tokenize(String text) {
    return tokenList(text);
  }

  /**
   * Returns the tokens of {@code text} in order with their term ids. Repeated calls with the same
   * string instance on one thread return the same list.
   */
  public static TokenList tokenList(String text) {
    Object[] memo = MEMO.get();
    for (int i = 0; i < MEMO_SIZE; i++) {
      if (memo[2 * i] == text) {
        return (TokenList) memo[2 * i + 1];
      }
    }
    TokenList tokens = scan(text);
    int slot = memo[2 * MEMO_SIZE] == null ? 0 : (Integer) memo[2 * MEMO_SIZE];
    memo[2 * slot] = text;
    memo[2 * slot + 1] = tokens;
    memo[2 * MEMO_SIZE] = (slot + 1) % MEMO_SIZE;
    return tokens;
  }

  private static TokenList scan(String source) {
    int capacity = Math.max(8, source.length() / 5);
    Vocabulary.Word[] words = new Vocabulary.Word[capacity];
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int count = 0;
    int length = source.length();
    char[] text = Chars.of(source);
    byte[] codes = Vocabulary.CODES;
    int i = 0;
    while (i < length) {
      char c = text[i];
      if (c < 128 ? ASCII[c] == 0 : !Character.isLetterOrDigit(c)) {
        i++;
        continue;
      }
      int start = i;
      boolean hasLetter = false;
      // The vocabulary key is worked out in the same pass that finds the token's end: the packed
      // codes while every character packs, and the hash of the folded characters.
      long packed = 0;
      boolean packable = true;
      int hash = 0;
      while (i < length) {
        char d = text[i];
        if (d < 128) {
          byte kind = ASCII[d];
          if (kind == LETTER) {
            hasLetter = true;
          } else if (kind != DIGIT && !isInner(text, length, i, d, hasLetter)) {
            break;
          }
          packed = packed << 6 | codes[d];
          hash = 31 * hash + (kind == LETTER ? d | 0x20 : d);
        } else {
          if (Character.isLetter(d)) {
            hasLetter = true;
          } else if (!Character.isDigit(d) && !isInner(text, length, i, d, hasLetter)) {
            break;
          }
          if (d == '\u2019') {
            packed = packed << 6 | Vocabulary.APOSTROPHE;
          } else {
            packable = false;
          }
          hash = 31 * hash + Vocabulary.fold(d);
        }
        i++;
      }
      if (count == words.length) {
        words = Arrays.copyOf(words, count * 2);
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      long key =
          packable && i - start <= Vocabulary.MAX_PACKED
              ? packed
              : Vocabulary.HASHED | (hash & 0xFFFF_FFFFL);
      words[count] =
          hasLetter
              ? WORDS.lookup(text, start, i, key)
              : NUMBERS.lookup(text, start, i, key);
      starts[count] = start;
      ends[count++] = i;
    }
    return new TokenList(source, words, starts, ends, count);
  }

  // An apostrophe joins letters (don't); a dot or comma joins digits (1,200.50).
  private static boolean isInner(char[] text, int length, int i, char d, boolean hasLetter) {
    if (i + 1 >= length || i == 0) {
      return false;
    }
    char before = text[i - 1];
    char after = text[i + 1];
    if (d == '\'' || d == '\u2019') {
      return hasLetter && Character.isLetter(before) && Character.isLetter(after);
    }
    if (d == '.' || d == ',') {
      return !hasLetter && isAsciiDigit(before) && isAsciiDigit(after);
    }
    return false;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
