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
  // Numbers are kept apart so that a stream of one-off figures cannot crowd words out of their
  // table. Long numbers (ids, timestamps, card and phone numbers) rarely come back: they are read
  // on each sight rather than probed for and inserted, which would also flush the recurring short
  // ones (years, counts, prices) out of the table.
  private static final Vocabulary NUMBERS =
      new Vocabulary(1 << 14, Vocabulary.MAX_PACKED, Vocabulary::number);
  private static final byte WORD = 1;
  private static final byte MAY_CUT = 2;
  // Kinds of ASCII characters: WORD starts a token, MAY_CUT may end a claim, 0 only separates.
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII[c] = Character.isLetterOrDigit(c) ? WORD : ClaimCuts.mayCut(c) ? MAY_CUT : 0;
    }
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
      char c = text[i];
      int kind = c < 128 ? ASCII[c] : Character.isLetterOrDigit(c) ? WORD : 0;
      if (kind != WORD) {
        if (kind == MAY_CUT) {
          cuts.offer(text, length, i, count);
        }
        i++;
        continue;
      }
      int start = i;
      boolean hasLetter = false;
      // The table key is packed here, in the pass that finds the token's end, so a short ASCII
      // token (nearly all of them) is read once; the others are keyed by a second pass.
      long packed = 0;
      boolean packable = true;
      while (i < length) {
        char d = text[i];
        if (d < 128) {
          int code = Vocabulary.CODES[d];
          boolean joins = code >= Vocabulary.APOSTROPHE;
          if (code == 0 || joins && !isInner(text, length, i, d, hasLetter)) {
            break;
          }
          hasLetter |= code <= Vocabulary.LAST_LETTER;
          packed = packed << 6 | code;
        } else if (Character.isLetter(d)) {
          hasLetter = true;
          packable = false;
        } else if (Character.isDigit(d)) {
          packable = false;
        } else if (isInner(text, length, i, d, hasLetter)) {
          // Only the typographic apostrophe is inner outside ASCII; it folds to '\''.
          packed = packed << 6 | Vocabulary.APOSTROPHE;
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
      long key =
          packable && i - start <= Vocabulary.MAX_PACKED ? packed : Vocabulary.key(text, start, i);
      Vocabulary.Word word =
          hasLetter ? WORDS.lookup(text, start, i, key) : NUMBERS.lookup(text, start, i, key);
      words[count] = word;
      starts[count] = start;
      ends[count++] = i;
    }
    return new TokenList(source, words, starts, ends, new Token[count], count, cuts);
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
