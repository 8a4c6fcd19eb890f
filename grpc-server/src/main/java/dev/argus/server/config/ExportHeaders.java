package dev.argus.server.config;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code exporter.otlp.headers} and checks each header against the rules grpc-java applies
 * when it sends gRPC metadata. Checked at load, a bad name is a configuration problem instead of an
 * exception at start, and a bad value one instead of a header that grpc-java drops at every export
 * while it logs the value's bytes, which would put the secret in the log.
 */
final class ExportHeaders {
  static final String KEY = "exporter.otlp.headers";

  static final String NAME_EXPECTED =
      "a header name of letters, digits, '-', '_' and '.', not ending in -bin"
          + " and not connection";
  static final String VALUE_EXPECTED = "printable ASCII, no line breaks";

  // grpc-java's Metadata.Key accepts exactly these characters once the name is lower-cased; the
  // upper-case letters are listed so the check does not depend on a locale's case mapping.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private ExportHeaders() {}

  /** Returns the valid headers, after reporting every invalid name and value to {@code in}. */
  static Map<String, String> read(ConfigReader in) {
    Map<String, String> valid = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : in.stringMap(KEY).entrySet()) {
      String name = header.getKey();
      boolean nameValid = validName(name);
      if (!nameValid) {
        // Names are not secret; quoted, so an empty name or one with spaces stays visible.
        in.problem(KEY, TextNode.valueOf(name).toString(), NAME_EXPECTED);
      }
      boolean valueValid = validValue(header.getValue());
      if (!valueValid) {
        // The written value is shown only as far as SecretValues allows, never resolved.
        in.problem(KEY + "." + name, in.node(KEY).get(name).asText(), VALUE_EXPECTED);
      }
      if (nameValid && valueValid) {
        valid.put(name, header.getValue());
      }
    }
    return valid;
  }

  /**
   * Returns true when grpc-java sends {@code name} as a text header: a token of its key characters,
   * without the {@code -bin} suffix that marks binary headers, and not the connection-specific
   * {@code connection}, which HTTP/2 forbids and grpc-java warns about.
   */
  static boolean validName(String name) {
    String lowerCase = name.toLowerCase(Locale.ROOT);
    return NAME.matcher(name).matches()
        && !lowerCase.endsWith("-bin")
        && !lowerCase.equals("connection");
  }

  /** Returns true when every character is printable ASCII, the only text gRPC metadata carries. */
  static boolean validValue(String value) {
    return value.chars().allMatch(c -> c >= ' ' && c <= '~');
  }
}
