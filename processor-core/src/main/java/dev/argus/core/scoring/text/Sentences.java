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

  private static List<int[]> cut(String text) {
    List<int[]> spans = new ArrayList<>();
    int length = text.length();
    char[] chars = Chars.of(text);
    int start = 0;
    for (int i = 0; i < length; i++) {
      char c = chars[i];
      if (c >= 128 || !MAY_CUT[c]) {
        continue;
      }
      int cut = -1;
      if (c == '\n' || c == ';') {
        cut = i;
      } else if ((c == '.' || c == '!' || c == '?' || c == ':')
          && (i + 1 == length || Character.isWhitespace(chars[i + 1]))) {
        cut = i;
      } else if (c == ',' && i + 1 < length && chars[i + 1] == ' ') {
        for (String joint : JOINTS) {
          if (text.startsWith(joint, i)) {
            cut = i;
            break;
          }
        }
      }
      if (cut >= 0) {
        add(spans, chars, start, cut);
        start = cut + 1;
      }
    }
    add(spans, chars, start, length);
    return spans;
  }

  private static void add(List<int[]> spans, char[] text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isLetterOrDigit(text[i])) {
        spans.add(new int[] {start, end});
        return;
      }
    }
  }
}
