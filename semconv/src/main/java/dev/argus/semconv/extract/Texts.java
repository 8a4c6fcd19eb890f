package dev.argus.semconv.extract;

/** Text hygiene for values copied out of telemetry. */
final class Texts {
  private static final char REPLACEMENT = '\uFFFD';

  private Texts() {}

  /**
   * Returns {@code text} with every unpaired UTF-16 surrogate (half an emoji left by a cut)
   * replaced by U+FFFD, so it encodes to well-formed UTF-8; returns the same instance when there is
   * none.
   */
  static String wellFormed(String text) {
    if (text == null) {
      return null;
    }
    int bad = firstUnpaired(text, 0);
    if (bad < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int start = 0;
    while (bad >= 0) {
      out.append(text, start, bad).append(REPLACEMENT);
      start = bad + 1;
      bad = firstUnpaired(text, start);
    }
    return out.append(text, start, text.length()).toString();
  }

  /** Returns true when {@code text} has no unpaired UTF-16 surrogate. */
  static boolean isWellFormed(String text) {
    return firstUnpaired(text, 0) < 0;
  }

  private static int firstUnpaired(String text, int from) {
    int length = text.length();
    // One range test per char in the common case; pairs are checked only where a surrogate is.
    for (int i = from; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isLowSurrogate(c)
            || i + 1 == length
            || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }
}
