package dev.argus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads typed fields of a configuration section relative to its mapping nodes, collecting every
 * problem instead of stopping at the first, each as {@code key: value (expected: ...)}. A read that
 * fails records its problem and returns null or empty, so one pass reports everything that is
 * wrong. Sections with nested lists of mappings (such as webhook subscribers) are read with this;
 * flat sections addressed by dotted keys use {@link ConfigReader}. Not thread-safe.
 */
public final class NodeReader {
  private final Function<String, String> environment;
  private final List<String> problems = new ArrayList<>();

  /** Creates a reader whose {@link #resolve} looks variables up in {@code environment}. */
  public NodeReader(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Returns the problems recorded so far, in the order found. */
  public List<String> problems() {
    return problems;
  }

  /** Returns how many problems are recorded; compare before and after reading a part. */
  public int problemCount() {
    return problems.size();
  }

  /** Records a problem message written by the caller. */
  public void problem(String message) {
    problems.add(message);
  }

  /**
   * Returns {@code value} when it is a mapping (after reporting its unknown keys), null when it is
   * absent or null, and null after a problem when it is a scalar or a list.
   *
   * @param prefix the dotted key of the mapping, with or without its trailing dot
   */
  public JsonNode mapping(JsonNode value, String prefix, Set<String> known) {
    if (!present(value)) {
      return null;
    }
    String key = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (!value.isObject()) {
      problems.add(
          key
              + ": "
              + SecretValues.render(key, value)
              + " (expected: a mapping with keys "
              + String.join(", ", new TreeSet<>(known))
              + ")");
      return null;
    }
    checkKeys(value, key + ".", known);
    return value;
  }

  /** Reports each field of {@code node} not in {@code known}, naming the valid ones. */
  public void checkKeys(JsonNode node, String prefix, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            prefix
                + name
                + ": unknown key (expected one of: "
                + String.join(", ", new TreeSet<>(known))
                + ")");
      }
    }
  }

  /** Returns the items of a list; absent is empty; anything else is reported and empty. */
  public List<JsonNode> list(JsonNode value, String key) {
    List<JsonNode> items = new ArrayList<>();
    if (!present(value)) {
      return items;
    }
    if (!value.isArray()) {
      problems.add(key + ": " + SecretValues.render(key, value) + " (expected: a list)");
      return items;
    }
    value.forEach(items::add);
    return items;
  }

  /** Returns the texts of the list in {@code field}, reporting any item that is not a value. */
  public List<String> strings(JsonNode node, String field, String key) {
    List<String> values = new ArrayList<>();
    List<JsonNode> items = list(node.get(field), key);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isValueNode() && !item.isNull()) {
        values.add(item.asText());
      } else {
        String itemKey = key + "[" + i + "]";
        problems.add(
            itemKey + ": " + SecretValues.render(itemKey, item) + " (expected: a single value)");
      }
    }
    return values;
  }

  /** Returns the text of a single value, null when absent or after reporting a container. */
  public String text(JsonNode node, String field, String key) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return null;
    }
    if (value.isContainerNode()) {
      problems.add(key + ": " + SecretValues.render(key, value) + " (expected: a single value)");
      return null;
    }
    return value.asText();
  }

  /** Returns {@code true} or {@code false} as written, empty when absent or after a problem. */
  public Optional<Boolean> bool(JsonNode node, String field, String key) {
    String text = text(node, field, key);
    if (text == null) {
      return Optional.empty();
    }
    if (!text.equals("true") && !text.equals("false")) {
      problems.add(key + ": " + text + " (expected: true or false)");
      return Optional.empty();
    }
    return Optional.of(Boolean.parseBoolean(text));
  }

  /** Returns an integer of at least {@code min} (0 or 1); null when absent or after a problem. */
  public Integer integer(JsonNode node, String field, String key, int min) {
    String text = text(node, field, key);
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min) {
        return value;
      }
      problems.add(key + ": " + value + " (expected: " + (min == 0 ? ">= 0" : "> 0") + ")");
    } catch (NumberFormatException e) {
      problems.add(key + ": " + text + " (expected: an integer)");
    }
    return null;
  }

  /** Returns a finite number in {@code [min, max]}, or null when absent or after a problem. */
  public Double number(
      JsonNode node, String field, String key, double min, double max, String expected) {
    String text = text(node, field, key);
    if (text == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= min && value <= max && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, like a number out of range.
    }
    problems.add(key + ": " + text + " (expected: " + expected + ")");
    return null;
  }

  /** Returns the positive duration in {@code field}, empty when absent or after a problem. */
  public Optional<Duration> duration(JsonNode node, String field, String prefix) {
    String text = text(node, field, prefix + field);
    if (text == null) {
      return Optional.empty();
    }
    Duration duration = positiveDuration(text.trim());
    if (duration == null) {
      problems.add(
          prefix
              + field
              + ": "
              + text.trim()
              + " (expected: a positive duration such as 500ms, 5s, 10m, 24h or 1h30m)");
      return Optional.empty();
    }
    return Optional.of(duration);
  }

  /** Returns the file path {@code text} names after resolving references, or null on a problem. */
  public Path path(String text, String key) {
    try {
      if (!text.isBlank()) {
        return Path.of(resolve(text));
      }
    } catch (InvalidPathException e) {
      // Reported below, like a blank path.
    }
    problems.add(key + ": \"" + text + "\" (expected: a file path)");
    return null;
  }

  /** Resolves environment references; an unset variable without a fallback becomes "". */
  public String resolve(String text) {
    return EnvReferences.resolve(text, environment, unset -> {});
  }

  /** Returns the value of {@code variable} in this reader's environment, or null when unset. */
  public String variable(String variable) {
    return environment.apply(variable);
  }

  /** Returns the positive duration written like {@code 1h30m} or {@code 500ms}, or null. */
  public static Duration positiveDuration(String text) {
    try {
      Duration duration = Durations.parse(text);
      return duration.isZero() ? null : duration;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }

  /** Returns true when the node holds something: not absent, missing or an explicit null. */
  public static boolean present(JsonNode value) {
    return value != null && !value.isMissingNode() && !value.isNull();
  }
}
