package dev.argus.core.scoring.safety;

import java.util.List;
import java.util.Locale;

/**
 * Finds IPv6 addresses ({@code 2001:db8::8a2e:370:7334}, {@code fe80::1}, {@code ::ffff:192.0.2.1})
 * in one pass: each run of hex digits, colons and dots is read once and checked as a whole, so the
 * scan is linear in the text length.
 */
final class Ipv6Detector {

  private static final int MAX_GROUPS = 8;

  private Ipv6Detector() {}

  static void find(String text, List<PiiFinding> out) {
    // Every address holds a colon: only the runs of hex digits, colons and dots around a colon
    // are read, each once, instead of testing every letter of the text as a possible start.
    int colon = text.indexOf(':');
    while (colon >= 0) {
      int from = colon;
      while (from > 0 && isRunChar(text.charAt(from - 1))) {
        from--;
      }
      int to = colon + 1;
      while (to < text.length() && isRunChar(text.charAt(to))) {
        to++;
      }
      findIn(text, from, to, out);
      colon = text.indexOf(':', to);
    }
  }

  // Finds the address in `text[from, to)`, a maximal run of hex digits, colons and dots. The
  // address starts at the first character that the one before it does not join to a word (after
  // a dot, or at the run's start) and takes the rest of the run.
  private static void findIn(String text, int from, int to, List<PiiFinding> out) {
    int start = from;
    while (start < to && start > 0 && isJoined(text.charAt(start - 1))) {
      start++;
    }
    if (start == to) {
      return;
    }
    int end = to;
    // A sentence may end right after the address: "... is 2001:db8::1."
    while (end > start && text.charAt(end - 1) == '.') {
      end--;
    }
    boolean bounded = to >= text.length() || !isJoined(text.charAt(to));
    if (bounded && isAddress(text, start, end)) {
      out.add(new PiiFinding(PiiKind.IP_ADDRESS, start, end));
    }
  }

  private static boolean isRunChar(char c) {
    return isHex(c) || c == ':' || c == '.';
  }

  private static boolean isJoined(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '/';
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** Checks {@code text[start, end)} as an address: hex groups of 1 to 4, at most one "::". */
  static boolean isAddress(String text, int start, int end) {
    int groups = 0;
    boolean compressed = false;
    boolean digit = false;
    int colons = 0;
    int i = start;
    if (end - start >= 2 && text.startsWith("::", start)) {
      compressed = true;
      colons = 2;
      i += 2;
    }
    while (i < end) {
      int groupStart = i;
      while (i < end && isHex(text.charAt(i))) {
        digit |= Chars.isDigit(text.charAt(i));
        i++;
      }
      int width = i - groupStart;
      if (i < end && text.charAt(i) == '.') {
        // An embedded IPv4 address ends the address and counts as two groups.
        int v4End = IpDetector.matchAt(text, groupStart);
        if (v4End != end || groups > 6) {
          return false;
        }
        groups += 2;
        digit = true;
        break;
      }
      if (width == 0 || width > 4) {
        return false;
      }
      groups++;
      if (i == end) {
        break;
      }
      // text.charAt(i) is ':' here: the run holds hex digits, colons and dots only.
      i++;
      colons++;
      if (i < end && text.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        colons++;
        i++;
        if (i == end) {
          break;
        }
      } else if (i == end) {
        return false; // a single trailing colon
      }
    }
    if (!digit || colons < 2 || groups > MAX_GROUPS) {
      return false;
    }
    return compressed ? groups < MAX_GROUPS : groups == MAX_GROUPS;
  }

  /** Returns true for loopback, link-local (fe80::/10) and unique local (fc00::/7) addresses. */
  static boolean isPrivate(String address) {
    String lower = address.toLowerCase(Locale.ROOT);
    if (lower.equals("::1")) {
      return true;
    }
    // The prefixes fc00::/7 and fe80::/10 are read from a full first group of four digits.
    if (lower.length() < 5 || lower.charAt(4) != ':') {
      return false;
    }
    return lower.startsWith("fc")
        || lower.startsWith("fd")
        || lower.startsWith("fe8")
        || lower.startsWith("fe9")
        || lower.startsWith("fea")
        || lower.startsWith("feb");
  }
}
