package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A keyed view of one attribute list, built once per span or event, that also remembers the JSON it
 * parsed so that no attribute is parsed twice. Duplicate keys: the last occurrence wins, as in the
 * SDKs' own attribute maps. Not thread-safe; confined to one extraction.
 */
final class AttributeMap {

  /** An attribute map with no entries. */
  static final AttributeMap EMPTY = new AttributeMap(Map.of());

  private final Map<String, AnyValue> values;
  private Map<String, JsonValue> parsed;

  private AttributeMap(Map<String, AnyValue> values) {
    this.values = values;
  }

  /** Indexes {@code attributes}. */
  static AttributeMap of(List<KeyValue> attributes) {
    if (attributes.isEmpty()) {
      return EMPTY;
    }
    Map<String, AnyValue> values = new HashMap<>(attributes.size() * 2);
    for (KeyValue attribute : attributes) {
      values.put(attribute.getKey(), attribute.getValue());
    }
    return new AttributeMap(values);
  }

  /**
   * A structured value read from an attribute.
   *
   * @param node the JSON tree, or null when the attribute is absent, plain text or unreadable
   * @param text the raw text when the attribute was a string, else null
   * @param truncated true when a string started as JSON but was cut before its end
   */
  record JsonValue(JsonNode node, String text, boolean truncated) {
    static final JsonValue ABSENT = new JsonValue(null, null, false);

    boolean present() {
      return node != null || text != null;
    }
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  AnyValue get(String key) {
    return values.get(key);
  }

  int size() {
    return values.size();
  }

  /** Returns the attribute as text, or null when absent or blank. */
  String string(String key) {
    String text = AnyValues.text(values.get(key));
    return text == null || text.isBlank() ? null : text;
  }

  /** Returns the first of {@code keys} that is present as non-blank text. */
  String firstString(String... keys) {
    for (String key : keys) {
      String text = string(key);
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  Long longValue(String key) {
    return AnyValues.longValue(values.get(key));
  }

  /** Returns the first of {@code keys} that holds a number. */
  Long firstLong(String... keys) {
    for (String key : keys) {
      Long value = longValue(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  Double doubleValue(String key) {
    return AnyValues.doubleValue(values.get(key));
  }

  List<String> strings(String key) {
    return AnyValues.stringList(values.get(key));
  }

  /** Returns the attribute as JSON (structured AnyValue or a JSON string), parsed once. */
  JsonValue json(String key) {
    AnyValue value = values.get(key);
    if (value == null) {
      return JsonValue.ABSENT;
    }
    if (parsed == null) {
      parsed = new HashMap<>(4);
    }
    JsonValue cached = parsed.get(key);
    if (cached == null) {
      cached = read(value);
      parsed.put(key, cached);
    }
    return cached;
  }

  /** Calls {@code action} for every attribute whose key starts with {@code prefix}. */
  void forEachWithPrefix(String prefix, BiConsumer<String, AnyValue> action) {
    for (Map.Entry<String, AnyValue> entry : values.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        action.accept(entry.getKey(), entry.getValue());
      }
    }
  }

  /** Returns true when some key starts with {@code prefix}. */
  boolean hasPrefix(String prefix) {
    for (String key : values.keySet()) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static JsonValue read(AnyValue value) {
    if (value.hasStringValue()) {
      String text = value.getStringValue();
      LenientJson.Parsed result = LenientJson.parse(text);
      return new JsonValue(result.node(), text, result.truncated());
    }
    JsonNode node = AnyValues.toJson(value);
    return new JsonValue(node, null, false);
  }
}
