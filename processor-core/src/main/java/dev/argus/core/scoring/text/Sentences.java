package dev.argus.core.scoring.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits text into claims: sentences, further cut at semicolons, colons before a clause, line
 * breaks, and ", and" / ", but" / ", so" joints, so that each piece states roughly one fact.
 */
public final class Sentences {

  private static final String[] JOINTS = {
    ", and ", ", but ", ", so ", ", while ", ", whereas ", ", where ", ", which "
  };

  // Scorers cut the same completion and context; reuse the spans of the last few strings.
  private static final int MEMO_SIZE = 8;
  private static final ThreadLocal<Object[]> MEMO =
      ThreadLocal.withInitial(() -> new Object[2 * MEMO_SIZE + 1]);

  // ASCII characters that may end a claim; every other character is passed over after one read.
  private static final boolean[] MAY_CUT = new boolean[128];

  static {
    for (char c : "\n;.!?:,".toCharArray()) {
      MAY_CUT[c] = true;
    }
  }

  private Sentences() {}

  /**
   * Returns the claim spans of {@code text} as {@code [start, end)} pairs, unmodifiable; callers
   * must not change the arrays.
   */
  public static List<int[]> claims(String text) {
    Object[] memo = MEMO.get();
    for (int i = 0; i < MEMO_SIZE; i++) {
      if (memo[2 * i] == text) {
        @SuppressWarnings("unchecked")
        List<int[]> cached = (List<int[]>) memo[2 * i + 1];
        return cached;
      }
    }
    List<int[]> spans = Collections.unmodifiableList(cut(text));
    int slot = memo[2 * MEMO_SIZE] == null ? 0 : (Integer) memo[2 * MEMO_SIZE];
    memo[2 * slot] = text;
    memo[2 * slot + 1] = spans;
    memo[2 * MEMO_SIZE] = (slot + 1) % MEMO_SIZE;
    return spans;
  }

  // Every character that may end a claim lies between tokens (a dot or comma inside a token is
  // followed by a digit, and the others never join a token), and a claim is kept when it holds
  // a letter or digit, that is a token. So only the gaps between the text's tokens are read;
  // callers tokenise the same text anyway, and the per-thread memo hands its tokens back.
  private static List<int[]> cut(String text) {
    TokenList tokens = Tokenizer.tokenList(text);
    List<int[]> spans = new ArrayList<>();
    int length = text.length();
    int count = tokens.size();
    int start = 0;
    boolean hasToken = false;
    int gapStart = 0;
    for (int k = 0; k <= count; k++) {
      int gapEnd = k < count ? tokens.start(k) : length;
      for (int i = gapStart; i < gapEnd; i++) {
        char c = text.charAt(i);
        if (c < 128 && MAY_CUT[c] && cutsAt(text, i, c)) {
          if (hasToken) {
            spans.add(new int[] {start, i});
          }
          start = i + 1;
          hasToken = false;
        }
      }
      if (k < count) {
        hasToken = true;
        gapStart = tokens.end(k);
      }
    }
    if (hasToken) {
      spans.add(new int[] {start, length});
    }
    return spans;
  }

  private static boolean cutsAt(String text, int i, char c) {
    if (c == '\n' || c == ';') {
      return true;
    }
    if (c == '.' || c == '!' || c == '?' || c == ':') {
      return i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1));
    }
    if (c == ',' && i + 1 < text.length() && text.charAt(i + 1) == ' ') {
      for (String joint : JOINTS) {
        if (text.startsWith(joint, i)) {
          return true;
        }
      }
    }
    return false;
  }
}
