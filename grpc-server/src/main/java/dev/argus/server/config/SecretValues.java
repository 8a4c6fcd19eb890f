package dev.argus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which configuration values are secrets, and shows every value that reaches a problem
 * message or the effective configuration with those secrets replaced by {@value #REDACTED}.
 *
 * <p>Secret positions are each value of {@code exporter.otlp.headers} (headers usually carry
 * credentials) and each webhook subscriber's {@code secret}. A value there is redacted whatever its
 * YAML type: a list or mapping written where one value belongs is as secret as the value. A mapping
 * or list shown whole because it stands in the wrong place has the secret positions inside it
 * redacted. Only bare environment references of a scalar secret may be shown, as they name where
 * the secret comes from without being one. Stateless and thread-safe.
 */
public final class SecretValues {
  /** What is shown in place of a secret. */
  public static final String REDACTED = "[REDACTED]";

  private static final String HEADERS = "exporter.otlp.headers";
  private static final String SUBSCRIBER_SECRET = "correction.webhooks.subscribers.secret";
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  private SecretValues() {}

  /**
   * Returns true when the value at the dotted {@code key} (list items as {@code [i]}) is a secret,
   * or lies inside one.
   */
  private static boolean isSecret(String key) {
    String position = position(key);
    return position.startsWith(HEADERS + ".") || within(position, SUBSCRIBER_SECRET);
  }

  /**
   * Returns {@code node} as written, for a problem about {@code key}: a scalar as its text, a
   * container as JSON, and {@value #REDACTED} for a secret or in place of each secret inside it.
   */
  public static String render(String key, JsonNode node) {
    if (redactedWhole(key, node)) {
      return REDACTED;
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    StringBuilder text = new StringBuilder();
    appendJson(text, key, node);
    return text.toString();
  }

  /**
   * Returns the scalar {@code written} at {@code key} for a problem message: as written unless it
   * is a secret. Of a secret only its {@code ${env:NAME}} references without a fallback are shown,
   * as they name where the secret comes from; literal text around them and fallbacks may be (part
   * of) the secret, so each such run is shown as {@value #REDACTED}.
   */
  public static String show(String key, String written) {
    if (!isSecret(key)) {
      return written;
    }
    String shown = EnvReferences.keepingBareReferences(written, REDACTED);
    return shown.isEmpty() ? REDACTED : shown;
  }

  // The headers mapping shows its names; written as anything else, names and values cannot be
  // told apart, so all of it is hidden.
  private static boolean redactedWhole(String key, JsonNode node) {
    return isSecret(key) || (position(key).equals(HEADERS) && !node.isObject());
  }

  private static void appendJson(StringBuilder text, String key, JsonNode node) {
    if (redactedWhole(key, node)) {
      text.append(REDACTED);
    } else if (node.isObject()) {
      text.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        text.append(TextNode.valueOf(field.getKey())).append(':');
        String child = key.isEmpty() ? field.getKey() : key + "." + field.getKey();
        appendJson(text, child, field.getValue());
        text.append(fields.hasNext() ? "," : "");
      }
      text.append('}');
    } else if (node.isArray()) {
      text.append('[');
      for (int i = 0; i < node.size(); i++) {
        text.append(i == 0 ? "" : ",");
        appendJson(text, key + "[" + i + "]", node.get(i));
      }
      text.append(']');
    } else {
      text.append(node);
    }
  }

  /** Returns {@code key} without list indices, so every subscriber's secret has one position. */
  private static String position(String key) {
    String position = INDEX.matcher(key).replaceAll("");
    return position.startsWith(".") ? position.substring(1) : position;
  }

  private static boolean within(String position, String secret) {
    return position.equals(secret) || position.startsWith(secret + ".");
  }
}
