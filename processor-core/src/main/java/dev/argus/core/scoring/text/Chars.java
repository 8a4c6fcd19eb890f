package dev.argus.core.scoring.text;

/**
 * The characters of a text copied into a per-thread array, for the scanners that read every
 * character: an array read costs no bounds or encoding check, while {@link String#charAt} pays both
 * on every call for texts that are not Latin-1.
 */
final class Chars {

  // Texts longer than this get a fresh array instead of growing the per-thread one for good.
  private static final int MAX_KEPT = 1 << 20;
  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[4096]);

  private Chars() {}

  /**
   * Returns an array whose first {@code text.length()} characters are those of {@code text}. The
   * array is reused by the next call on the same thread: use it before tokenising another text.
   */
  static char[] of(String text) {
    int length = text.length();
    char[] buffer = BUFFER.get();
    if (buffer.length < length) {
      buffer = new char[Math.max(length, buffer.length * 2)];
      if (buffer.length <= MAX_KEPT) {
        BUFFER.set(buffer);
      }
    }
    text.getChars(0, length, buffer, 0);
    return buffer;
  }

  /** Returns {@link Character#isUpperCase(char)}, without its table lookups for ASCII. */
  static boolean isUpperCase(char c) {
    // A-Z are the only upper-case ASCII letters.
    return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
  }
}
