package dev.argus.server.admin;

import java.util.List;
import java.util.Locale;

/**
 * Checks the headers that say how a {@code POST /v1/evaluate} body is written: JSON in UTF-8,
 * uncompressed. A request without {@code Content-Type} is read as JSON, as most JSON APIs do; a
 * {@code charset} other than UTF-8 or a {@code Content-Encoding} other than {@code identity} is
 * refused rather than misread. A problem names the header and what is expected, never the header's
 * value: it is client text.
 */
final class RequestContent {
  /** The media type of the body, and of every answer. */
  static final String JSON_TYPE = "application/json";

  /** The only content coding read, for the {@code Accept-Encoding} of a refusal. */
  static final String IDENTITY = "identity";

  private static final String UTF_8 = "utf-8";

  private RequestContent() {}

  /**
   * Returns what is wrong with {@code contentType}, or null when the body may be read as JSON in
   * UTF-8: no header, or {@code application/json} with no {@code charset} or {@code utf-8}, in any
   * case.
   */
  static String typeProblem(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(JSON_TYPE)) {
      return "unsupported Content-Type (expected: " + JSON_TYPE + ")";
    }
    for (int i = 1; i < parts.length; i++) {
      if (!charsetIsUtf8(parts[i])) {
        return "unsupported Content-Type charset (expected: UTF-8, or no charset)";
      }
    }
    return null;
  }

  /**
   * Returns what is wrong with the {@code Content-Encoding} {@code codings} (each a comma-separated
   * list), or null when the body is not compressed: no header, or only {@code identity}.
   */
  static String encodingProblem(List<String> codings) {
    for (String coding : codings) {
      for (String token : coding.split(",", -1)) {
        String name = token.trim();
        if (!name.isEmpty() && !name.equalsIgnoreCase(IDENTITY)) {
          return "unsupported Content-Encoding (expected: "
              + IDENTITY
              + "; send the JSON uncompressed)";
        }
      }
    }
    return null;
  }

  /** Returns false when {@code parameter} is a {@code charset} other than UTF-8. */
  private static boolean charsetIsUtf8(String parameter) {
    int equals = parameter.indexOf('=');
    if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
      return true;
    }
    String value = parameter.substring(equals + 1).trim();
    // A parameter value may be a quoted string (RFC 9110, 5.6.6): "utf-8" is utf-8.
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value.equalsIgnoreCase(UTF_8);
  }
}
