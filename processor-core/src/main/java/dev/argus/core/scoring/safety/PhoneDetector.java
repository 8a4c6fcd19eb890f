package dev.argus.core.scoring.safety;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;

/**
 * Finds telephone numbers. A hand-written scanner proposes candidates (digits with single spaces,
 * dashes, dots or parentheses between groups, an optional leading {@code +}, an optional extension)
 * that do not touch letters, other digits, a currency sign or a time; shapes that are dates, IPv4
 * addresses or decimals are dropped. libphonenumber then decides:
 *
 * <ul>
 *   <li>international form ({@code +}): a possible number for its country code;
 *   <li>grouped national form of at least 10 digits: possible in one of the configured regions;
 *   <li>any form next to a phone label ("phone", "call", "fax", "mobile", ...): 7 to 15 digits.
 * </ul>
 *
 * Plain digit runs without {@code +}, grouping or a label are never phones: they are order numbers,
 * timestamps and ids far more often.
 */
final class PhoneDetector {

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;
  private static final int MIN_UNLABELLED_DIGITS = 10;
  private static final int CUE_WINDOW = 24;
  private static final String[] CUES_BEFORE = {
    "phone",
    "tel",
    "call",
    "mobile",
    "cell",
    "fax",
    "desk",
    "office",
    "whatsapp",
    "text",
    "sms",
    "reach",
    "contact",
    "dial",
    "ring",
    "landline",
    "hotline",
    "answering",
    // Spanish, since ES is a default region: "Llame al", "Teléfono", "móvil".
    "llame",
    "llamar",
    "llámenos",
    "móvil",
    "movil"
  };

  /** Labels of other numbers: a grouped number after one of these is not a phone unlabelled. */
  private static final String[] OTHER_NUMBER_LABELS = {
    "license", "licence", "account", "invoice", "order", "ticket", "serial", "tracking",
    "reference", "ref", "passport", "policy", "isbn", "ssn", "social security", "routing",
    "case", "claim", "member", "customer", "id"
  };

  private static final String[] CUES_AFTER = {"office", "fax", "mobile", "cell", "desk", "home"};

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final List<String> regions;

  /** Creates a detector for national numbers of {@code regions} (ISO 3166 codes). */
  PhoneDetector(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  // Openers are digits not touching other digits, or "+" / "(" right before them: each stands at
  // a digit run start or one character before it, so only those two positions are tried per run.
  void find(String text, DigitRuns runs, List<PiiFinding> out) {
    int next = 0;
    for (int k = 0; k < runs.count(); k++) {
      int run = runs.start(k);
      for (int i = Math.max(run - 1, 0); i <= run; i++) {
        if (i < next) {
          continue;
        }
        char c = text.charAt(i);
        boolean opener = Chars.isDigit(c) || (c == '+' || c == '(') && Chars.isDigitAt(text, i + 1);
        if (!opener || !leftBoundaryOk(text, i)) {
          continue;
        }
        Candidate candidate = Candidate.scan(text, i);
        if (candidate == null) {
          next = skipRun(text, i);
        } else if (accept(text, candidate)) {
          int end = withExtension(text, candidate.end);
          out.add(new PiiFinding(PiiKind.PHONE, i, end));
          next = end;
        } else {
          // The rest of a rejected run is part of the same number, never a phone of its own.
          next = Math.max(i + 1, candidate.runEnd);
        }
      }
    }
  }

  private static int skipRun(String text, int i) {
    int j = i + 1;
    while (j < text.length() && Chars.isDigit(text.charAt(j))) {
      j++;
    }
    return j;
  }

  private static boolean leftBoundaryOk(String text, int start) {
    char before = Chars.at(text, start - 1);
    return !Character.isLetterOrDigit(before) && "$\u20ac\u00a3#@/_.-:+".indexOf(before) < 0;
  }

  private boolean accept(String text, Candidate candidate) {
    if (candidate.digits < MIN_DIGITS
        || candidate.digits > MAX_DIGITS
        || candidate.isOtherShape()) {
      return false;
    }
    String number = text.substring(candidate.start, candidate.end);
    if (candidate.international) {
      return isPossible(number, "ZZ");
    }
    if (hasCue(text, candidate.start, candidate.end)) {
      return true;
    }
    // Shorter national numbers are too easily form, order or reference numbers without a label.
    if (!candidate.grouped()
        || candidate.digits < MIN_UNLABELLED_DIGITS - 1
        || labelledOtherwise(text, candidate.start)) {
      return false;
    }
    boolean shortNumber = candidate.digits < MIN_UNLABELLED_DIGITS;
    // A nine-digit national number is written in short groups ("912 345 678", "612 34 56 78");
    // "17151 2450" is a postal code.
    if (shortNumber && (candidate.groups < 3 || !candidate.allAtMost(3))) {
      return false;
    }
    for (String region : regions) {
      PhoneNumber parsed = parse(number, region);
      // Nine grouped digits are a whole national number in some regions ("912 345 678" in
      // Spain): those must be valid there, not merely of a possible length.
      if (parsed != null
          && (util.isValidNumber(parsed) || !shortNumber && util.isPossibleNumber(parsed))) {
        return true;
      }
    }
    return false;
  }

  private boolean isPossible(String number, String region) {
    PhoneNumber parsed = parse(number, region);
    return parsed != null && util.isPossibleNumber(parsed);
  }

  private PhoneNumber parse(String number, String region) {
    try {
      return util.parse(number, region);
    } catch (NumberParseException e) {
      return null;
    }
  }

  private static boolean hasCue(String text, int start, int end) {
    String before = text.substring(Math.max(0, start - CUE_WINDOW), start).toLowerCase(Locale.ROOT);
    for (String cue : CUES_BEFORE) {
      int at = before.lastIndexOf(cue);
      if (at >= 0 && (at == 0 || !Character.isLetter(before.charAt(at - 1)))) {
        return true;
      }
    }
    String after = text.substring(end, Math.min(text.length(), end + 8)).toLowerCase(Locale.ROOT);
    for (String cue : CUES_AFTER) {
      int at = after.indexOf(cue);
      if (at >= 0 && at <= 2) {
        return true;
      }
    }
    return false;
  }

  private static boolean labelledOtherwise(String text, int start) {
    String before = text.substring(Math.max(0, start - CUE_WINDOW), start).toLowerCase(Locale.ROOT);
    for (String label : OTHER_NUMBER_LABELS) {
      int at = before.lastIndexOf(label);
      if (at >= 0
          && (at == 0 || !Character.isLetter(before.charAt(at - 1)))
          && (at + label.length() == before.length()
              || !Character.isLetter(before.charAt(at + label.length())))) {
        return true;
      }
    }
    return false;
  }

  // "ext. 204", "ext 204", "x204", "extension 204" belong to the number.
  private static int withExtension(String text, int end) {
    int i = end;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    String rest = text.substring(i, Math.min(text.length(), i + 10)).toLowerCase(Locale.ROOT);
    int markerLength;
    if (rest.startsWith("extension")) {
      markerLength = 9;
    } else if (rest.startsWith("ext.")) {
      markerLength = 4;
    } else if (rest.startsWith("ext")) {
      markerLength = 3;
    } else if (rest.startsWith("x") && Chars.isDigitAt(text, i + 1)) {
      markerLength = 1;
    } else {
      return end;
    }
    int j = i + markerLength;
    while (j < text.length() && text.charAt(j) == ' ') {
      j++;
    }
    int digitsStart = j;
    while (j < text.length() && Chars.isDigit(text.charAt(j)) && j - digitsStart < 6) {
      j++;
    }
    if (j == digitsStart || Chars.isAlnumAt(text, j)) {
      return end;
    }
    return j;
  }

  /** A digit run with its separators, as scanned. */
  private static final class Candidate {
    final int start;
    int end;
    int runEnd;
    int digits;
    boolean international;
    int groups = 1;
    int dots;
    int dashes;
    int slashes;
    int[] groupSizes = new int[24];

    private Candidate(int start) {
      this.start = start;
    }

    static Candidate scan(String text, int start) {
      Candidate candidate = new Candidate(start);
      int i = start;
      if (text.charAt(i) == '+') {
        candidate.international = true;
        i++;
      }
      int length = text.length();
      int separatorRun = 0;
      int pendingDots = 0;
      int pendingDashes = 0;
      int pendingSlashes = 0;
      while (i < length) {
        char c = text.charAt(i);
        if (Chars.isDigit(c)) {
          if (separatorRun > 0) {
            candidate.groups++;
            if (candidate.groups >= candidate.groupSizes.length) {
              return null;
            }
            // Separators count only between groups, never after the last one.
            candidate.dots += pendingDots;
            candidate.dashes += pendingDashes;
            candidate.slashes += pendingSlashes;
            pendingDots = 0;
            pendingDashes = 0;
            pendingSlashes = 0;
          }
          candidate.groupSizes[candidate.groups - 1]++;
          candidate.digits++;
          separatorRun = 0;
          candidate.end = i + 1;
        } else if (isSeparator(c) && separatorRun < 2) {
          separatorRun++;
          pendingDots += c == '.' ? 1 : 0;
          pendingDashes += c == '-' ? 1 : 0;
          pendingSlashes += c == '/' ? 1 : 0;
        } else {
          break;
        }
        i++;
      }
      candidate.runEnd = i;
      if (candidate.digits > MAX_DIGITS) {
        return candidate;
      }
      if (candidate.touchesOtherText(text)) {
        candidate.digits = 0;
      }
      return candidate;
    }

    private static boolean isSeparator(char c) {
      return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }

    private boolean touchesOtherText(String text) {
      char after = Chars.at(text, end);
      if (Character.isLetter(after) || after == '%' || after == '@' || after == '_') {
        return true;
      }
      if ((after == ':' || after == '.' || after == ',' || after == '/')
          && Chars.isDigitAt(text, end + 1)) {
        return true;
      }
      // "14:30" after a date, or "2.5" inside a version: the run continues as something else.
      return after == '-' && Chars.isDigitAt(text, end + 1);
    }

    boolean grouped() {
      return groups > 1;
    }

    /**
     * Returns true for dates, IPv4-like dotted quads, version strings, decimals and slashed
     * fractions.
     */
    boolean isOtherShape() {
      if (slashes > 0) {
        return true;
      }
      if (isVersion()) {
        return true; // 10.0.19045.3803, 6.1.7601.24545
      }
      if (groups == 2 && dots == 1) {
        return true; // a decimal such as 1234.56789
      }
      if (groups == 4 && dots == 3 && allAtMost(3)) {
        return true; // an IPv4 address
      }
      if (groups >= 3
          && groupSizes[0] == 4
          && groupSizes[1] <= 2
          && groupSizes[2] <= 2
          && dashes + dots >= 2) {
        return true; // 2025-11-30 or 2025.11.30 (a time may follow); "0496 46 46 70" is a phone
      }
      return groups >= 3
          && groupSizes[0] <= 2
          && groupSizes[1] <= 2
          && groupSizes[2] == 4
          && dashes + dots >= 2
          && !international
          && groups == 3;
    }

    // Dotted numbers whose two leading parts are short and a later part long are build or version
    // numbers; dotted phones keep even groups ("06.12.34.56.78") or a long first part
    // ("415.555.0123", "1.800.555.0123").
    private boolean isVersion() {
      if (international || dashes > 0 || groups < 3 || dots != groups - 1) {
        return false;
      }
      if (groupSizes[0] > 2 || groupSizes[1] > 2) {
        return false;
      }
      for (int g = 2; g < groups; g++) {
        if (groupSizes[g] >= 4) {
          return true;
        }
      }
      return false;
    }

    private boolean allAtMost(int size) {
      for (int g = 0; g < groups; g++) {
        if (groupSizes[g] > size) {
          return false;
        }
      }
      return true;
    }
  }
}
