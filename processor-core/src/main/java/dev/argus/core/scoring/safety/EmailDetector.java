package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.Lexicon;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds e-mail addresses by anchoring on each {@code @} and scanning a bounded window on each side,
 * so the cost is linear in the text whatever its shape. The domain needs a dot and an alphabetic
 * top-level label that is not a file extension ({@code logo@2x.png} is an asset name).
 */
final class EmailDetector {

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;
  private static final Set<String> FILE_EXTENSIONS =
      Lexicon.words(
          "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "pdf", "js",
          "ts", "css", "html", "htm", "json", "xml", "yaml", "yml", "txt", "md", "zip", "gz", "tar",
          "mp3", "mp4", "wav", "mov", "avi", "woff", "woff2", "ttf", "exe", "dll", "jar", "py",
          "rb", "go", "java", "kt", "swift", "heic", "avif");

  private EmailDetector() {}

  static void find(String text, List<PiiFinding> out) {
    int at = text.indexOf('@');
    while (at >= 0) {
      int start = localStart(text, at);
      int end = domainEnd(text, at);
      if (start < at && end > at + 1 && isDomain(text, at + 1, end)) {
        out.add(new PiiFinding(PiiKind.EMAIL, start, end));
      }
      at = text.indexOf('@', at + 1);
    }
  }

  private static int localStart(String text, int at) {
    int i = at;
    int floor = Math.max(0, at - MAX_LOCAL);
    while (i > floor && isLocalChar(text.charAt(i - 1))) {
      i--;
    }
    // The local part may not start or end with a dot.
    while (i < at && text.charAt(i) == '.') {
      i++;
    }
    if (i < at && text.charAt(at - 1) == '.') {
      return at;
    }
    return i;
  }

  private static int domainEnd(String text, int at) {
    int i = at + 1;
    int ceiling = Math.min(text.length(), at + 1 + MAX_DOMAIN);
    while (i < ceiling && isDomainChar(text.charAt(i))) {
      i++;
    }
    // A sentence-final dot or hyphen is punctuation, not part of the domain.
    while (i > at + 1 && (text.charAt(i - 1) == '.' || text.charAt(i - 1) == '-')) {
      i--;
    }
    return i;
  }

  private static boolean isDomain(String text, int start, int end) {
    int lastDot = text.lastIndexOf('.', end - 1);
    if (lastDot <= start || text.charAt(start) == '.' || text.charAt(start) == '-') {
      return false;
    }
    String tld = text.substring(lastDot + 1, end);
    if (tld.length() < 2 || tld.length() > 24) {
      return false;
    }
    for (int i = 0; i < tld.length(); i++) {
      if (!Character.isLetter(tld.charAt(i))) {
        return false;
      }
    }
    if (FILE_EXTENSIONS.contains(tld.toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLocalChar(char c) {
    return c < 128
        && (Character.isLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0)
        && c != '/'
        && c != '\''
        && c != '`'
        && c != '{'
        && c != '}'
        && c != '|';
  }

  private static boolean isDomainChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
  }
}
