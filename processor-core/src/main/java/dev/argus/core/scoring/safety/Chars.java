package dev.argus.core.scoring.safety;

/** Character tests shared by the detectors. */
final class Chars {

  private Chars() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isDigitAt(String text, int i) {
    return i >= 0 && i < text.length() && isDigit(text.charAt(i));
  }

  static boolean isAlnumAt(String text, int i) {
    return i >= 0 && i < text.length() && Character.isLetterOrDigit(text.charAt(i));
  }

  static char at(String text, int i) {
    return i >= 0 && i < text.length() ? text.charAt(i) : '\0';
  }

  /** Returns true when {@code text[i]} is a dot or comma followed by a digit (a decimal part). */
  static boolean isDecimalAt(String text, int i) {
    char c = at(text, i);
    return (c == '.' || c == ',') && isDigitAt(text, i + 1);
  }
}
