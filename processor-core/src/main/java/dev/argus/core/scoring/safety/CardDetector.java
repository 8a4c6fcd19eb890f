package dev.argus.core.scoring.safety;

import java.util.List;

/**
 * Finds payment card numbers: 12 (Maestro) to 19 digits, optionally grouped with single spaces or
 * dashes, not touching other digits or a decimal point, with a known issuer prefix at a length that
 * issuer uses, and a valid Luhn checksum. A checksum alone accepts one random number in ten, so the
 * issuer table is what keeps timestamps and reference numbers out.
 */
final class CardDetector {

  private static final int MIN_DIGITS = 12;
  private static final int MAX_DIGITS = 19;

  private CardDetector() {}

  // A scanned group run ends before a non-digit, so the next candidate is always a digit run start.
  static void find(String text, DigitRuns runs, List<PiiFinding> out) {
    int next = 0;
    for (int k = 0; k < runs.count(); k++) {
      int start = runs.start(k);
      if (start < next) {
        continue;
      }
      int end = scanRun(text, start);
      next = Math.max(end, start + 1);
      if (leftBoundaryOk(text, start) && rightBoundaryOk(text, end)) {
        int cardEnd = longestCard(text, start, end);
        if (cardEnd > 0) {
          out.add(new PiiFinding(PiiKind.CREDIT_CARD, start, cardEnd));
        }
      }
    }
  }

  // Digits joined by single spaces or dashes; the run ends where grouping stops.
  private static int scanRun(String text, int start) {
    int i = start;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (Chars.isDigit(c)) {
        i++;
      } else if ((c == ' ' || c == '-') && Chars.isDigitAt(text, i + 1)) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean leftBoundaryOk(String text, int start) {
    char before = Chars.at(text, start - 1);
    return !Character.isLetterOrDigit(before)
        && before != '.'
        && before != ','
        && before != '_'
        && before != '/';
  }

  private static boolean rightBoundaryOk(String text, int end) {
    return !Chars.isAlnumAt(text, end) && !Chars.isDecimalAt(text, end);
  }

  /**
   * Returns the end of the longest card number formed by the first groups of the run (a trailing
   * date or count may follow the number in the same run), or -1 when there is none.
   */
  private static int longestCard(String text, int start, int end) {
    StringBuilder digits = new StringBuilder(MAX_DIGITS);
    int best = -1;
    for (int i = start; i <= end; i++) {
      boolean groupEnd = i == end || !Chars.isDigit(text.charAt(i));
      if (groupEnd) {
        if (isCard(digits)) {
          best = i;
        }
        if (i == end) {
          break;
        }
        continue;
      }
      digits.append(text.charAt(i));
      if (digits.length() > MAX_DIGITS) {
        break;
      }
    }
    // A card followed in the same run by a short group (an expiry month, a count) is still a
    // card; followed by more digits it is part of a longer identifier.
    if (best > 0 && digitsBetween(text, best, end) > 4) {
      return -1;
    }
    return best;
  }

  private static int digitsBetween(String text, int start, int end) {
    int count = 0;
    for (int i = start; i < end; i++) {
      if (Chars.isDigit(text.charAt(i))) {
        count++;
      }
    }
    return count;
  }

  static boolean isCard(CharSequence digits) {
    int n = digits.length();
    return n >= MIN_DIGITS && n <= MAX_DIGITS && issuerAccepts(digits, n) && luhn(digits);
  }

  private static boolean issuerAccepts(CharSequence d, int n) {
    int p1 = d.charAt(0) - '0';
    int p2 = p1 * 10 + (d.charAt(1) - '0');
    int p3 = p2 * 10 + (d.charAt(2) - '0');
    int p4 = p3 * 10 + (d.charAt(3) - '0');
    int p6 = p4 * 100 + (d.charAt(4) - '0') * 10 + (d.charAt(5) - '0');
    if (p1 == 4) {
      return n == 13 || n == 16 || n == 19; // Visa
    }
    if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
      return n == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return n == 15; // American Express
    }
    if (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p6 >= 622126 && p6 <= 622925) {
      return n >= 16 && n <= 19; // Discover
    }
    if (p2 == 62) {
      return n >= 16 && n <= 19; // UnionPay
    }
    if (p2 == 35) {
      return n >= 16 && n <= 19; // JCB
    }
    if (p4 == 2131 || p4 == 1800) {
      return n == 15; // JCB, original 15-digit ranges
    }
    if (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39) {
      return n >= 14 && n <= 19; // Diners Club
    }
    if (p2 == 50 || p2 >= 56 && p2 <= 58 || p2 == 63 || p2 == 67) {
      return n >= 12 && n <= 19; // Maestro
    }
    return p4 >= 2200 && p4 <= 2204 && n == 16; // Mir
  }

  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
