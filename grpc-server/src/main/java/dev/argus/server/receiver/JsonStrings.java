package dev.argus.server.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prepares an OTLP/JSON subtree for protobuf's JSON parser: replaces lone UTF-16 surrogates (from
 * escapes such as {@code "\ud83d"} cut off a pair) by U+FFFD, since protobuf would otherwise encode
 * them as {@code '?'}. Linear in the size of the subtree. Ids are converted by {@link
 * dev.argus.server.otlp.JsonIds}.
 */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * Replaces lone surrogates in every string of {@code node}, in place.
   *
   * @return the number of repaired strings
   */
  static int repair(JsonNode node) {
    int repaired = 0;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual()) {
          String text = repairSurrogates(value.textValue());
          if (text != value.textValue()) {
            field.setValue(TextNode.valueOf(text));
            repaired++;
          }
        } else {
          repaired += repair(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (element.isTextual()) {
          String text = repairSurrogates(element.textValue());
          if (text != element.textValue()) {
            array.set(i, TextNode.valueOf(text));
            repaired++;
          }
        } else {
          repaired += repair(element);
        }
      }
    }
    return repaired;
  }

  /** Returns {@code text} with unpaired surrogates replaced, or {@code text} itself if none. */
  static String repairSurrogates(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        i++;
        continue;
      }
      if (chars == null) {
        chars = text.toCharArray();
      }
      chars[i] = '\uFFFD';
    }
    return chars == null ? text : new String(chars);
  }
}
