package dev.argus.semconv.extract;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups flattened list attributes such as {@code gen_ai.prompt.3.content} or {@code
 * llm.input_messages.0.message.role} by their index, in numeric order ({@code 10} after {@code 9},
 * which a string sort gets wrong).
 */
final class IndexedKeys {
  private IndexedKeys() {}

  /** Returns {@code prefix.<N>.<rest>} entries grouped by N, each group keyed by rest. */
  static TreeMap<Integer, Map<String, AnyValue>> group(AttributeMap attributes, String prefix) {
    TreeMap<Integer, Map<String, AnyValue>> groups = new TreeMap<>();
    attributes.forEachWithPrefix(prefix, (key, value) -> add(groups, prefix, key, value));
    return groups;
  }

  /** Same as {@link #group(AttributeMap, String)} over an already grouped map. */
  static TreeMap<Integer, Map<String, AnyValue>> group(
      Map<String, AnyValue> values, String prefix) {
    TreeMap<Integer, Map<String, AnyValue>> groups = new TreeMap<>();
    for (Map.Entry<String, AnyValue> entry : values.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        add(groups, prefix, entry.getKey(), entry.getValue());
      }
    }
    return groups;
  }

  private static void add(
      TreeMap<Integer, Map<String, AnyValue>> groups, String prefix, String key, AnyValue value) {
    int dot = key.indexOf('.', prefix.length());
    if (dot <= prefix.length() || dot - prefix.length() > 6) {
      return;
    }
    int index = 0;
    for (int i = prefix.length(); i < dot; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return;
      }
      index = index * 10 + (c - '0');
    }
    groups.computeIfAbsent(index, unused -> new HashMap<>()).put(key.substring(dot + 1), value);
  }

  /** Returns the text of {@code key} in {@code group}, or null. */
  static String text(Map<String, AnyValue> group, String key) {
    String text = AnyValues.text(group.get(key));
    return text == null || text.isEmpty() ? null : text;
  }
}
