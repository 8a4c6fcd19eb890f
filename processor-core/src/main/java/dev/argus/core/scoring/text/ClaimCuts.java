package dev.argus.core.scoring.text;

import java.util.Arrays;

/**
 * Where the claims of one text end, as the tokenizer finds them: every character that may end a
 * claim lies between tokens (a dot or comma inside a token is followed by a digit, and the other
 * cutting characters never join a token), and the tokenizer reads those characters anyway on its
 * way to the next token. Each cut is kept with the number of tokens before it, so {@link Sentences}
 * can tell an empty piece from a claim without reading the text again.
 */
final class ClaimCuts {

  private static final String[] JOINTS = {
    ", and ", ", but ", ", so ", ", while ", ", whereas ", ", where ", ", which "
  };

  // ASCII characters that may end a claim; each is looked at more closely where it appears.
  private static final boolean[] MAY_CUT = new boolean[128];

  // The joints by the first letter of their word: a comma followed by a space and any other
  // character (nearly every comma) is settled without comparing joints, and the others compare
  // only the joints that start with that letter.
  private static final String[][] JOINTS_BY_START = new String[128][];

  static {
    for (char c : "\n;.!?:,".toCharArray()) {
      MAY_CUT[c] = true;
    }
    for (String joint : JOINTS) {
      char start = joint.charAt(2);
      String[] same = JOINTS_BY_START[start];
      same = same == null ? new String[1] : Arrays.copyOf(same, same.length + 1);
      same[same.length - 1] = joint;
      JOINTS_BY_START[start] = same;
    }
  }

  // Pairs: the offset of a cut, then the number of tokens that end before it.
  private int[] cuts;
  private int size;

  /** Creates an empty list for a text of {@code length} characters. */
  ClaimCuts(int length) {
    // Room for a cut every 64 characters or so, a little more than prose needs; two ints a cut.
    cuts = new int[2 * Math.max(8, length / 64)];
  }

  /** Returns true when {@code c} is one of the characters that may end a claim. */
  static boolean mayCut(char c) {
    return c < 128 && MAY_CUT[c];
  }

  /**
   * Records a cut at {@code text[i]}, a character for which {@link #mayCut} holds, when it ends a
   * claim there; {@code tokensBefore} tokens of the text end before it.
   */
  void offer(char[] text, int length, int i, int tokensBefore) {
    if (!cutsAt(text, length, i)) {
      return;
    }
    if (2 * size >= cuts.length) {
      cuts = Arrays.copyOf(cuts, 2 * cuts.length);
    }
    cuts[2 * size] = i;
    cuts[2 * size + 1] = tokensBefore;
    size++;
  }

  /** Returns how many cuts the text has. */
  int size() {
    return size;
  }

  /** Returns the offset of cut {@code k}, in text order. */
  int offset(int k) {
    return cuts[2 * k];
  }

  /** Returns how many tokens of the text end before cut {@code k}. */
  int tokensBefore(int k) {
    return cuts[2 * k + 1];
  }

  // A line break or semicolon always cuts; a full stop, colon, '!' or '?' cuts when a space or
  // the end follows (so "3.5", "e.g.x" and "12:30" stay whole); a comma only before a joint.
  private static boolean cutsAt(char[] text, int length, int i) {
    char c = text[i];
    if (c == ',') {
      if (i + 2 >= length || text[i + 1] != ' ') {
        return false;
      }
      char start = text[i + 2];
      String[] joints = start < 128 ? JOINTS_BY_START[start] : null;
      if (joints != null) {
        for (String joint : joints) {
          if (startsWith(text, length, i, joint)) {
            return true;
          }
        }
      }
      return false;
    }
    if (c == '\n' || c == ';') {
      return true;
    }
    if (i + 1 == length) {
      return true;
    }
    // A space or line break after a full stop is by far the most common case.
    char next = text[i + 1];
    return next == ' ' || next == '\n' || Character.isWhitespace(next);
  }

  // The comma, space and first letter are known to match.
  private static boolean startsWith(char[] text, int length, int at, String prefix) {
    if (length - at < prefix.length()) {
      return false;
    }
    for (int k = 3; k < prefix.length(); k++) {
      if (text[at + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
