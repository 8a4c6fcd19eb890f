package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads OTLP {@link AnyValue}s leniently: wrong types yield null, never an exception. */
final class AnyValues {

  private AnyValues() {}

  /** Returns the value as text: strings as is, scalars printed, structures as JSON. */
  static String text(AnyValue value) {
    if (value == null) {
      return null;
    }
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case INT_VALUE:
        return Long.toString(value.getIntValue());
      case DOUBLE_VALUE:
        return Double.toString(value.getDoubleValue());
      case BOOL_VALUE:
        return Boolean.toString(value.getBoolValue());
      case ARRAY_VALUE:
      case KVLIST_VALUE:
        JsonNode node = toJson(value, 0);
        return node == null ? null : node.toString();
      default:
        return null;
    }
  }

  /** Returns the value as a long: integers, integral doubles and numeric strings. */
  static Long longValue(AnyValue value) {
    if (value == null) {
      return null;
    }
    switch (value.getValueCase()) {
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        double d = value.getDoubleValue();
        return Double.isFinite(d) ? (long) d : null;
      case STRING_VALUE:
        return parseLong(value.getStringValue());
      default:
        return null;
    }
  }

  /** Returns the value as a double: doubles, integers and numeric strings. */
  static Double doubleValue(AnyValue value) {
    if (value == null) {
      return null;
    }
    switch (value.getValueCase()) {
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case INT_VALUE:
        return (double) value.getIntValue();
      case STRING_VALUE:
        try {
          return Double.parseDouble(value.getStringValue().trim());
        } catch (NumberFormatException e) {
          return null;
        }
      default:
        return null;
    }
  }

  /**
   * Returns the value as a list of strings: a string array, a single string, or a string holding a
   * JSON array.
   */
  static List<String> stringList(AnyValue value) {
    if (value == null) {
      return List.of();
    }
    if (value.hasArrayValue()) {
      List<String> out = new ArrayList<>(value.getArrayValue().getValuesCount());
      for (AnyValue element : value.getArrayValue().getValuesList()) {
        String text = text(element);
        if (text != null) {
          out.add(text);
        }
      }
      return out;
    }
    if (value.hasStringValue()) {
      String text = value.getStringValue();
      LenientJson.Parsed parsed = LenientJson.parse(text);
      if (parsed.node() != null && parsed.node().isArray()) {
        List<String> out = new ArrayList<>();
        parsed.node().forEach(element -> out.add(LenientJson.render(element)));
        return out;
      }
      return text.isEmpty() ? List.of() : List.of(text);
    }
    String text = text(value);
    return text == null ? List.of() : List.of(text);
  }

  /**
   * Converts the value to a JSON tree. Strings that hold JSON are parsed; other strings become text
   * nodes. Returns null for an empty value or beyond {@link LenientJson#MAX_DEPTH}.
   */
  static JsonNode toJson(AnyValue value) {
    return toJson(value, 0);
  }

  private static JsonNode toJson(AnyValue value, int depth) {
    if (depth > LenientJson.MAX_DEPTH) {
      return null;
    }
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return LenientJson.NODES.textNode(value.getStringValue());
      case INT_VALUE:
        return LenientJson.NODES.numberNode(value.getIntValue());
      case DOUBLE_VALUE:
        return LenientJson.NODES.numberNode(value.getDoubleValue());
      case BOOL_VALUE:
        return LenientJson.NODES.booleanNode(value.getBoolValue());
      case BYTES_VALUE:
        return LenientJson.NODES.textNode(
            Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      case ARRAY_VALUE:
        ArrayNode array = LenientJson.NODES.arrayNode();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          JsonNode node = toJson(element, depth + 1);
          array.add(node == null ? LenientJson.NODES.nullNode() : node);
        }
        return array;
      case KVLIST_VALUE:
        ObjectNode object = LenientJson.NODES.objectNode();
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          JsonNode node = toJson(entry.getValue(), depth + 1);
          object.set(entry.getKey(), node == null ? LenientJson.NODES.nullNode() : node);
        }
        return object;
      default:
        return null;
    }
  }

  private static Long parseLong(String text) {
    String trimmed = text.trim();
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(trimmed);
        return Double.isFinite(d) ? (long) d : null;
      } catch (NumberFormatException notNumeric) {
        return null;
      }
    }
  }
}
