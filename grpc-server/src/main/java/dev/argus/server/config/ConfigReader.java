package dev.argus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Dimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of one parsed configuration document, collecting every problem instead of
 * stopping at the first. Each read returns the fallback (or null) after recording a problem, so
 * that one pass reports everything that is wrong. Not thread-safe; one instance per document.
 */
final class ConfigReader {
  private final JsonNode root;
  private final Set<String> keys;
  private final Function<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  /**
   * Creates a reader of {@code root}, a mapping.
   *
   * @param keys every dotted key a setting reads; free-form mappings are listed by their own key
   * @param environment resolves {@code ${env:NAME}} references
   */
  ConfigReader(JsonNode root, Set<String> keys, Function<String, String> environment) {
    this.root = root;
    this.keys = keys;
    this.environment = environment;
  }

  /** Returns the problems recorded so far, each as {@code key: value (expected: ...)}. */
  List<String> problems() {
    return problems;
  }

  /** Reports keys that no setting reads, naming the keys valid at that place. */
  void checkKeys(JsonNode node, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = field.getValue();
      if (keys.contains(key)) {
        continue;
      }
      Set<String> children = children(key);
      if (children.isEmpty()) {
        problems.add(
            key + ": unknown key (expected one of: " + String.join(", ", children(path)) + ")");
      } else if (value.isObject()) {
        checkKeys(value, key);
      } else if (!value.isNull()) {
        problems.add(
            key
                + ": "
                + SecretValues.render(key, value)
                + " (expected: a mapping with keys "
                + String.join(", ", children)
                + ")");
      }
    }
  }

  Dimension dimension(String key, String name, boolean allowComposite) {
    for (Dimension dimension : Dimension.values()) {
      if (dimension.key().equals(name)) {
        return dimension;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (Dimension dimension : Dimension.values()) {
      expected.append(expected.length() == 0 ? "" : ", ").append(dimension.key());
    }
    if (allowComposite) {
      expected.append(", composite");
    }
    problems.add(key + ": unknown dimension (expected one of: " + expected + ")");
    return null;
  }

  /** Returns the node at the dotted {@code key}, or null when it is absent or null. */
  JsonNode node(String key) {
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node.isObject() ? node.get(part) : null;
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return node;
  }

  /** Returns the text of a scalar with environment references resolved, or null on error. */
  String text(String key, String fallback) {
    JsonNode node = node(key);
    if (node == null) {
      return fallback;
    }
    if (node.isContainerNode()) {
      problem(key, SecretValues.render(key, node), "a single value");
      return null;
    }
    return resolve(key, node.asText());
  }

  String nonEmpty(String key, String fallback) {
    String value = text(key, fallback);
    if (value != null && value.isBlank()) {
      problem(key, "\"" + value + "\"", "a non-empty string");
      return null;
    }
    return value;
  }

  boolean bool(String key, boolean fallback) {
    String value = text(key, Boolean.toString(fallback));
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      problem(key, value, "true or false");
      return fallback;
    }
    return Boolean.parseBoolean(value);
  }

  int integer(String key, int fallback, int min, int max) {
    String value = text(key, Integer.toString(fallback));
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    if (value != null) {
      problem(key, value, "an integer from " + min + " to " + max);
    }
    return fallback;
  }

  Double number(String key, String value, double min, double max, String expected) {
    if (value == null) {
      return null;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= min && parsed <= max && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    problem(key, value, expected);
    return null;
  }

  Duration duration(String key, Duration fallback) {
    String value = text(key, Durations.format(fallback));
    if (value == null) {
      return null;
    }
    try {
      Duration parsed = Durations.parse(value);
      if (!parsed.isZero()) {
        return parsed;
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      // reported below, like a zero duration
    }
    problem(key, value, "a positive duration such as 5s or 500ms");
    return null;
  }

  Map<String, String> stringMap(String key) {
    JsonNode node = node(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null) {
      return map;
    }
    if (!node.isObject()) {
      problem(key, SecretValues.render(key, node), "a mapping of names to values");
      return map;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String entryKey = key + "." + field.getKey();
      if (field.getValue().isContainerNode() || field.getValue().isNull()) {
        problem(entryKey, SecretValues.render(entryKey, field.getValue()), "a single value");
        continue;
      }
      String value = resolve(entryKey, field.getValue().asText());
      if (value != null) {
        map.put(field.getKey(), value);
      }
    }
    return map;
  }

  /**
   * Returns the strings of the sequence at {@code key} with environment references resolved, or
   * null when it is absent; a problem is reported for a value that is not a sequence of scalars.
   */
  List<String> stringList(String key) {
    JsonNode node = node(key);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      problem(key, SecretValues.render(key, node), "a list of values");
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isContainerNode() || item.isNull()) {
        String itemKey = key + "[" + i + "]";
        problem(itemKey, SecretValues.render(itemKey, item), "a single value");
        continue;
      }
      String value = resolve(key + "[" + i + "]", item.asText());
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** Parses {@code value}; a problem quotes {@code written}, the value as configured. */
  HostPort hostPort(String key, String value, String written) {
    if (value == null) {
      return null;
    }
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (!host.isEmpty() && port >= 0 && port <= 65535) {
        return new HostPort(host, port);
      }
    } catch (NumberFormatException e) {
      // reported below, like a missing host
    }
    problem(key, written, "host:port with a port from 0 to 65535");
    return null;
  }

  /** Replaces {@code ${env:NAME}} references; returns null after reporting an unset one. */
  private String resolve(String key, String value) {
    List<String> unset = new ArrayList<>(0);
    String resolved = EnvReferences.resolve(value, environment, unset::add);
    for (String variable : unset) {
      problem(key, value, "environment variable " + variable + " to be set");
    }
    return unset.isEmpty() ? resolved : null;
  }

  /** Records a problem; {@code value} as written, shown only as far as it is not a secret. */
  void problem(String key, String value, String expected) {
    problems.add(key + ": " + SecretValues.show(key, value) + " (expected: " + expected + ")");
  }

  /** Returns the names valid directly under {@code path} ("" for the top level). */
  private Set<String> children(String path) {
    String prefix = path.isEmpty() ? "" : path + ".";
    Set<String> children = new LinkedHashSet<>();
    for (String key : keys) {
      if (key.startsWith(prefix)) {
        children.add(key.substring(prefix.length()).split("\\.")[0]);
      }
    }
    return children;
  }

  /** A parsed {@code host:port}. */
  record HostPort(String host, int port) {}
}
