package dev.argus.core.scoring.safety;

import java.util.List;

/**
 * Finds US social security numbers written {@code AAA-GG-SSSS} (dashes or spaces, used
 * consistently) with a valid area (001-899 except 666), group (01-99) and serial (0001-9999), not
 * touching other digits or dashes.
 */
final class SsnDetector {

  private SsnDetector() {}

  // A number not touching other digits starts a digit run: only run starts are candidates.
  static void find(String text, DigitRuns runs, List<PiiFinding> out) {
    int limit = text.length() - 11;
    int next = 0;
    for (int k = 0; k < runs.count(); k++) {
      int i = runs.start(k);
      if (i > limit) {
        break;
      }
      if (i < next || i > 0 && isJoined(text.charAt(i - 1))) {
        continue;
      }
      char sep = text.charAt(i + 3);
      if ((sep == '-' || sep == ' ')
          && digits(text, i, 3)
          && text.charAt(i + 6) == sep
          && digits(text, i + 4, 2)
          && digits(text, i + 7, 4)
          && !isJoined(Chars.at(text, i + 11))
          && !Chars.isDecimalAt(text, i + 11)
          && valid(number(text, i, 3), number(text, i + 4, 2), number(text, i + 7, 4))) {
        out.add(new PiiFinding(PiiKind.US_SSN, i, i + 11));
        next = i + 11;
      }
    }
  }

  static boolean valid(int area, int group, int serial) {
    return area > 0 && area < 900 && area != 666 && group > 0 && serial > 0;
  }

  private static boolean isJoined(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  private static boolean digits(String text, int start, int count) {
    for (int i = start; i < start + count; i++) {
      if (!Chars.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int number(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      value = value * 10 + text.charAt(i) - '0';
    }
    return value;
  }
}
