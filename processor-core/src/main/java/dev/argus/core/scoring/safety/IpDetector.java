package dev.argus.core.scoring.safety;

import java.util.List;
import java.util.Locale;

/**
 * Finds IPv4 addresses: four dot-separated numbers 0-255 without leading zeros, not part of a
 * longer dotted or alphanumeric run (version strings such as {@code v2.14.1055.3} are skipped).
 */
final class IpDetector {

  private IpDetector() {}

  // An address not joined to what precedes it starts a digit run: only run starts are candidates.
  static void find(String text, DigitRuns runs, List<PiiFinding> out) {
    int length = text.length();
    int next = 0;
    for (int k = 0; k < runs.count(); k++) {
      int i = runs.start(k);
      if (i < next || i > 0 && isJoined(text, i - 1)) {
        continue;
      }
      int end = match(text, i);
      if (end > 0 && !afterVersionLabel(text, i)) {
        out.add(new PiiFinding(PiiKind.IP_ADDRESS, i, end));
        next = end;
      } else {
        // The rest of a dotted number is never an address of its own.
        next = i;
        while (next < length && (Chars.isDigit(text.charAt(next)) || text.charAt(next) == '.')) {
          next++;
        }
      }
    }
  }

  // "version 10.4.12.7" and "build 1.2.3.4" are dotted version numbers, not addresses.
  private static boolean afterVersionLabel(String text, int start) {
    String before = text.substring(Math.max(0, start - 12), start).toLowerCase(Locale.ROOT).strip();
    return before.endsWith("version")
        || before.endsWith("build")
        || before.endsWith("release")
        || before.endsWith("ver.")
        || before.endsWith("v");
  }

  private static boolean isJoined(String text, int i) {
    char c = text.charAt(i);
    return Character.isLetterOrDigit(c)
        || c == '.' && i > 0 && Chars.isAlnumAt(text, i - 1)
        || c == '_'
        || c == '-';
  }

  /** Returns the end of the IPv4 address starting at {@code start}, or -1 when there is none. */
  static int matchAt(String text, int start) {
    return match(text, start);
  }

  private static int match(String text, int start) {
    int i = start;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (Chars.at(text, i) != '.') {
          return -1;
        }
        i++;
      }
      int partStart = i;
      int value = 0;
      while (i < text.length() && Chars.isDigit(text.charAt(i)) && i - partStart < 4) {
        value = value * 10 + text.charAt(i) - '0';
        i++;
      }
      int width = i - partStart;
      if (width == 0 || width > 3 || value > 255 || width > 1 && text.charAt(partStart) == '0') {
        return -1;
      }
    }
    char after = Chars.at(text, i);
    if (Character.isLetterOrDigit(after) || after == '.' && Chars.isAlnumAt(text, i + 1)) {
      return -1;
    }
    return i;
  }

  /** Returns true when the address is private, loopback or link-local. */
  static boolean isPrivate(String address) {
    if (address.indexOf(':') >= 0) {
      return Ipv6Detector.isPrivate(address);
    }
    return address.startsWith("10.")
        || address.startsWith("127.")
        || address.startsWith("192.168.")
        || address.startsWith("169.254.")
        || address.matches("172\\.(1[6-9]|2\\d|3[01])\\..*");
  }
}
