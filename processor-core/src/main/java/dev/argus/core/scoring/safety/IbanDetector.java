package dev.argus.core.scoring.safety;

import java.util.List;
import java.util.Map;

/**
 * Finds IBANs: a known country code, two check digits and the country's account length, written
 * solid or in groups of four, with a valid ISO 7064 mod-97 checksum.
 */
final class IbanDetector {

  private static final Map<String, Integer> LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BR", 29),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("SA", 24),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VG", 24),
          Map.entry("XK", 20));

  private IbanDetector() {}

  // The check digits follow two letters, so they start a digit run: an IBAN begins two characters
  // before a run start.
  static void find(String text, DigitRuns runs, List<PiiFinding> out) {
    int limit = text.length() - 14;
    int next = 0;
    for (int k = 0; k < runs.count(); k++) {
      int i = runs.start(k) - 2;
      if (i > limit) {
        break;
      }
      if (i < next
          || !isUpper(text.charAt(i))
          || !isUpper(text.charAt(i + 1))
          || !Chars.isDigit(text.charAt(i + 2))
          || !Chars.isDigit(text.charAt(i + 3))
          || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
        continue;
      }
      Integer expected = LENGTHS.get(text.substring(i, i + 2));
      if (expected == null) {
        continue;
      }
      int end = scan(text, i, expected);
      if (end > 0) {
        out.add(new PiiFinding(PiiKind.IBAN, i, end));
        next = end;
      }
    }
  }

  // Reads exactly `expected` alphanumerics, allowing single spaces between groups of four.
  private static int scan(String text, int start, int expected) {
    StringBuilder compact = new StringBuilder(expected);
    int i = start;
    while (i < text.length() && compact.length() < expected) {
      char c = text.charAt(i);
      if (Chars.isDigit(c) || isUpper(c)) {
        compact.append(c);
        i++;
      } else if (c == ' ' && compact.length() % 4 == 0 && Chars.isAlnumAt(text, i + 1)) {
        i++;
      } else {
        return -1;
      }
    }
    if (compact.length() != expected || Chars.isAlnumAt(text, i) || !mod97(compact)) {
      return -1;
    }
    return i;
  }

  static boolean mod97(CharSequence iban) {
    int remainder = 0;
    int n = iban.length();
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      int value = Chars.isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
