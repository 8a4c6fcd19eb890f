package dev.argus.core.scoring.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A light English suffix stripper: enough to match "restoring" with "restore" or "snapshots" with
 * "snapshot", cheap enough to run on every token.
 */
public final class Stemmer {

  // Vocabulary is small compared with traffic; a bounded memo saves re-stripping common words.
  private static final int MEMO_LIMIT = 50_000;
  private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

  private Stemmer() {}

  /** Returns the stem of a lower-case word. Thread-safe. */
  public static String stem(String word) {
    if (word.length() <= 3) {
      return word;
    }
    String stem = MEMO.get(word);
    if (stem == null) {
      stem = strip(word);
      if (MEMO.size() >= MEMO_LIMIT) {
        MEMO.clear();
      }
      MEMO.put(word, stem);
    }
    return stem;
  }

  private static String strip(String word) {
    int n = word.length();
    if (n <= 3) {
      return word;
    }
    String w = word;
    if (w.endsWith("'s")) {
      w = w.substring(0, n - 2);
    } else if (w.endsWith("ies") && n > 4) {
      w = w.substring(0, n - 3) + "y";
    } else if (w.endsWith("sses")) {
      w = w.substring(0, n - 2);
    } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      w = w.substring(0, n - 1);
    }
    n = w.length();
    if (n > 5 && w.endsWith("ing")) {
      w = w.substring(0, n - 3);
    } else if (n > 4 && w.endsWith("ed")) {
      w = w.substring(0, n - 2);
    } else if (n > 4 && w.endsWith("ly")) {
      w = w.substring(0, n - 2);
    }
    n = w.length();
    if (n > 4 && w.endsWith("e")) {
      w = w.substring(0, n - 1);
    }
    n = w.length();
    // Undo a doubled final consonant left by "-ed" / "-ing" (stopped, planning).
    if (n > 4 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w.charAt(n - 1))) {
      w = w.substring(0, n - 1);
    }
    return w;
  }

  private static boolean isConsonant(char c) {
    return c >= 'a' && c <= 'z' && "aeiouyls".indexOf(c) < 0;
  }
}
