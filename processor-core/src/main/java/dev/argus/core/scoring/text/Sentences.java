package dev.argus.core.scoring.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into claims: sentences, further cut at semicolons, colons before a clause, line
 * breaks, and ", and" / ", but" / ", so" joints, so that each piece states roughly one fact.
 */
public final class Sentences {

  private static final String[] JOINTS = {
    ", and ", ", but ", ", so ", ", while ", ", whereas ", ", where ", ", which "
  };

  private Sentences() {}

  /** Returns the claim spans of {@code text} as {@code [start, end)} pairs. */
  public static List<int[]> claims(String text) {
    List<int[]> spans = new ArrayList<>();
    int length = text.length();
    int start = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      int cut = -1;
      if (c == '\n' || c == ';') {
        cut = i;
      } else if ((c == '.' || c == '!' || c == '?' || c == ':')
          && (i + 1 == length || Character.isWhitespace(text.charAt(i + 1)))) {
        cut = i;
      } else if (c == ',') {
        for (String joint : JOINTS) {
          if (text.startsWith(joint, i)) {
            cut = i;
            break;
          }
        }
      }
      if (cut >= 0) {
        add(spans, text, start, cut);
        start = cut + 1;
      }
    }
    add(spans, text, start, length);
    return spans;
  }

  private static void add(List<int[]> spans, String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        spans.add(new int[] {start, end});
        return;
      }
    }
  }
}
