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
  // reused when the very same string instance comes back, so a call is tokenised once. Retrieved
  // contexts often hold ten to twenty documents, which must not push the completion out before
  // the last scorer reads it; a miss costs a scan of the text, a look here one compare a slot.
  private static final int MEMO_SIZE = 32;
  private static final ThreadLocal<Object[]> MEMO =
      ThreadLocal.withInitial(() -> new Object[2 * MEMO_SIZE + 1]);

  private static final Vocabulary WORDS = new Vocabulary(1 << 16, Vocabulary::word);
  // Numbers are kept apart so that a stream of one-off figures cannot crowd words out of their
  // table. Long numbers (ids, timestamps, card and phone numbers) rarely come back: they are read
  // on each sight rather than probed for and inserted, which would also flush the recurring short
  // ones (years, counts, prices) out of the table. Short ones are many too: a quarter of this size
  // filled and started afresh about once every thousand calls, and each new generation's entries
  // lived just long enough to be copied by the collector; about 7 MiB when full.
  private static final Vocabulary NUMBERS =
      new Vocabulary(1 << 16, Vocabulary.MAX_PACKED, Vocabulary::number);
  // Kinds of characters, one table lookup a character. Letters and digits that pack (ASCII) are
  // their six-bit codes, 1 to LAST_DIGIT, so the scan's inner loop tests one bound and packs the
  // value as read; every other kind is above that bound. The table covers every char value, so
  // the lookup needs no range check either.
  private static final int LAST_DIGIT = Vocabulary.LAST_LETTER + 10;
  private static final byte SEPARATOR = 64;
  // May end a claim: '\n', ';', '!', '?', ':'.
  private static final byte CUT = 65;
  // May end a claim or join the digits of a number.
  private static final byte DOT = 66;
  private static final byte COMMA = 67;
  // Joins letters: ASCII and typographic apostrophes.
  private static final byte APOSTROPHE = 68;
  // Letters and digits that do not pack.
  private static final byte OTHER_LETTER = 69;
  private static final byte OTHER_DIGIT = 70;
  private static final byte[] KINDS = new byte[Character.MAX_VALUE + 1];

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      KINDS[c] = kind((char) c);
    }
  }

  private static byte kind(char c) {
    if (c < 128 && Vocabulary.CODES[c] > 0 && Vocabulary.CODES[c] <= LAST_DIGIT) {
      return Vocabulary.CODES[c];
    }
    if (c == '\'' || c == '\u2019') {
      return APOSTROPHE;
    }
    if (c == '.' || c == ',') {
      return c == '.' ? DOT : COMMA;
    }
    if (ClaimCuts.mayCut(c)) {
      return CUT;
    }
    if (Character.isLetter(c)) {
      return OTHER_LETTER;
    }
    return Character.isDigit(c) ? OTHER_DIGIT : SEPARATOR;
  }

  private Tokenizer() {}

  /**
   * Returns the tokens of {@code text} in order, as an unmodifiable list. Repeated calls with the
   * same string instance on one thread return the same list.
   */
  public static List<Token> tokenize(String text) {
    // Callers of this form read every token as an object: build them all in one pass.
    return tokenList(text).withTokens();
  }

  /**
   * Returns the tokens of {@code text} in order, with accessors that build no token objects.
   * Repeated calls with the same string instance on one thread return the same list.
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
    ClaimCuts cuts = new ClaimCuts(length);
    int i = 0;
    while (i < length) {
      int kind = KINDS[text[i]];
      if (kind > LAST_DIGIT && kind < OTHER_LETTER) {
        if (kind != SEPARATOR && kind != APOSTROPHE) {
          cuts.offer(text, length, i, count);
        }
        i++;
        continue;
      }
      int start = i;
      // Most tokens start with a letter, which settles that they are words; only the others
      // need each character tested for being a letter.
      boolean hasLetter = kind <= Vocabulary.LAST_LETTER || kind == OTHER_LETTER;
      boolean packable = true;
      // The table key is packed here, in the pass that finds the token's end, so a short ASCII
      // token (nearly all of them) is read once; the others are keyed by a second pass.
      long packed = 0;
      while (true) {
        // Runs of ASCII letters and digits, nearly every character of a token, take these loops,
        // whose only exit test is one bound; what stops them is looked at below.
        if (hasLetter) {
          while (i < length && (kind = KINDS[text[i]]) <= LAST_DIGIT) {
            packed = packed << 6 | kind;
            i++;
          }
        } else {
          while (i < length && (kind = KINDS[text[i]]) <= LAST_DIGIT) {
            hasLetter |= kind <= Vocabulary.LAST_LETTER;
            packed = packed << 6 | kind;
            i++;
          }
        }
        if (i == length) {
          break;
        }
        if (kind >= OTHER_LETTER) {
          hasLetter |= kind == OTHER_LETTER;
          packable = false;
        } else if (kind == APOSTROPHE && isInner(text, length, i, hasLetter)) {
          // The typographic apostrophe folds to '\''.
          packed = packed << 6 | Vocabulary.APOSTROPHE;
        } else if ((kind == DOT || kind == COMMA) && isInner(text, length, i, hasLetter)) {
          packed = packed << 6 | Vocabulary.CODES[text[i]];
        } else {
          break;
        }
        i++;
      }
      if (count == words.length) {
        words = Arrays.copyOf(words, count * 2);
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      Vocabulary table = hasLetter ? WORDS : NUMBERS;
      int size = i - start;
      if (packable && size <= Vocabulary.MAX_PACKED) {
        words[count] = table.lookup(text, start, i, packed, 0);
      } else if (packable && size <= Vocabulary.MAX_PAIRED) {
        // The low 60 bits of the running key hold the last ten characters: the second key.
        long last = packed & (1L << 6 * Vocabulary.MAX_PACKED) - 1;
        long first = Vocabulary.pack(text, start, i - Vocabulary.MAX_PACKED);
        words[count] = table.lookup(text, start, i, first, last);
      } else {
        words[count] = table.lookup(text, start, i);
      }
      starts[count] = start;
      ends[count++] = i;
    }
    return new TokenList(source, words, starts, ends, count, cuts);
  }

  // An apostrophe joins letters (don't); a dot or comma joins digits (1,200.50). Called only
  // inside a token, so a character comes before.
  private static boolean isInner(char[] text, int length, int i, boolean hasLetter) {
    if (i + 1 >= length) {
      return false;
    }
    char before = text[i - 1];
    char after = text[i + 1];
    if (KINDS[text[i]] == APOSTROPHE) {
      return hasLetter && Character.isLetter(before) && Character.isLetter(after);
    }
    return !hasLetter && isAsciiDigit(before) && isAsciiDigit(after);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
