package dev.argus.server.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;

/**
 * Reads a JSON document into a tree whose numbers keep the text they were written as, so that
 * protobuf's JSON parser, which gets the tree written back, judges each number as the sender wrote
 * it.
 *
 * <p>A number is never converted here. Converting would fail on a valid JSON number that no Java
 * number type holds ({@code 1e-99999999999}: BigDecimal takes no exponent beyond an int), or change
 * it ({@code 1e999} as a double is infinity, which protobuf then takes for a valid double). Left as
 * text, a number in an unknown field is skipped with the field, and one in a real field is rejected
 * by protobuf like any other value out of range.
 *
 * <p>The limits are Jackson's defaults, enforced while reading: see {@link #LIMITS}.
 */
public final class VerbatimNumbersJson {
  /** Nesting depth, number, string and name lengths the reader accepts. */
  public static final StreamReadConstraints LIMITS = StreamReadConstraints.defaults();

  private static final JsonFactory FACTORY =
      JsonFactory.builder().streamReadConstraints(LIMITS).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private VerbatimNumbersJson() {}

  /** Reads the first JSON value in {@code body}, UTF-8 bytes. */
  public static JsonNode read(byte[] body) throws IOException {
    try (JsonParser parser = FACTORY.createParser(body)) {
      return readDocument(parser);
    }
  }

  /** Reads the first JSON value in {@code body}. */
  public static JsonNode read(String body) throws IOException {
    try (JsonParser parser = FACTORY.createParser(body)) {
      return readDocument(parser);
    }
  }

  private static JsonNode readDocument(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return NODES.missingNode();
    }
    // Anything after the first value is not read, as Jackson's own tree reader does by default.
    return value(parser, first);
  }

  // Recursion is bounded by the parser's nesting limit (LIMITS), checked before each level.
  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "the body ends inside a value");
    }
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          NODES.rawValueNode(new RawValue(parser.getText()));
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new JsonParseException(parser, "unexpected token " + token);
    };
  }

  private static ObjectNode object(JsonParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      // A repeated member name keeps its last value, as protobuf's own reader does.
      object.set(name, value(parser, parser.nextToken()));
    }
    return object;
  }

  private static ArrayNode array(JsonParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      array.add(value(parser, token));
    }
    return array;
  }
}
