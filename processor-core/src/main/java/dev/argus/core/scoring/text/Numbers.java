package dev.argus.core.scoring.text;

/** The canonical form of numbers as written: no thousands separators, no padding zeros. */
final class Numbers {

  private Numbers() {}

  /**
   * Returns the canonical form of the number written in {@code text[start, end)}: digits with inner
   * {@code .} or {@code ,} separators. Commas are thousands separators unless one is followed by
   * exactly two final digits (a decimal comma); leading zeros of the integer part and trailing
   * zeros of the fraction are dropped, so {@code 1,200.50} reads {@code 1200.5}.
   */
  static String canonical(char[] text, int start, int end) {
    StringBuilder digits = new StringBuilder(end - start);
    int dot = -1;
    for (int i = start; i < end; i++) {
      char c = text[i];
      if (c == ',') {
        if (end - i == 3 && dot < 0) {
          dot = digits.length();
          digits.append('.');
        }
        continue;
      }
      if (c == '.') {
        if (dot >= 0) {
          continue;
        }
        dot = digits.length();
      }
      digits.append(c);
    }
    return trimZeros(digits, dot);
  }

  private static String trimZeros(StringBuilder digits, int dot) {
    int end = digits.length();
    if (dot >= 0) {
      while (end > dot + 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      if (end == dot + 1) {
        end = dot;
      }
    }
    int start = 0;
    int intEnd = dot >= 0 ? Math.min(dot, end) : end;
    while (start < intEnd - 1 && digits.charAt(start) == '0') {
      start++;
    }
    return start >= end ? "0" : digits.substring(start, end);
  }
}
