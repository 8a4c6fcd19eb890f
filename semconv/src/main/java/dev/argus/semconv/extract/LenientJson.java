package dev.argus.semconv.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * Parses JSON found inside telemetry values without ever throwing. Producers put JSON in string
 * attributes, sometimes doubly encoded, sometimes cut by a length limit; this class tells those
 * cases apart from plain text.
 */
final class LenientJson {

  /** Deepest nesting accepted; deeper documents are treated as unreadable. */
  static final int MAX_DEPTH = 64;

  /** Node factory shared by the conversions in this package. */
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
              .build());

  /** The parser factory behind {@link #parse}, with the same limits, for streamed readers. */
  static final JsonFactory FACTORY = MAPPER.getFactory();

  private LenientJson() {}

  /**
   * The outcome of parsing one value.
   *
   * @param node the parsed document, or null when the text is not JSON or could not be read
   * @param truncated true when the text started like JSON but ended before the document did
   */
  record Parsed(JsonNode node, boolean truncated) {
    static final Parsed NOT_JSON = new Parsed(null, false);
    static final Parsed TRUNCATED = new Parsed(null, true);
    static final Parsed INVALID = new Parsed(null, false);
  }

  /** Returns true when {@code text} starts (after blanks) with a JSON array or object. */
  static boolean looksLikeJson(String text) {
    char first = firstNonBlank(text);
    return first == '[' || first == '{';
  }

  /**
   * Parses {@code text} when it looks like a JSON array, object or doubly encoded string; plain
   * text yields {@link Parsed#NOT_JSON}.
   */
  static Parsed parse(String text) {
    char first = firstNonBlank(text);
    if (first != '[' && first != '{' && first != '"') {
      return Parsed.NOT_JSON;
    }
    Parsed parsed = readTree(text);
    // A JSON string holding JSON again is the double encoding some SDKs produce; unwrap once.
    JsonNode node = parsed.node();
    if (node != null && node.isTextual() && looksLikeJson(node.asText())) {
      Parsed inner = readTree(parsed.node().asText());
      return inner.node() != null || inner.truncated() ? inner : parsed;
    }
    if (parsed.node() == null && !parsed.truncated() && first == '"') {
      // A quoted plain text that is not valid JSON is just text.
      return Parsed.NOT_JSON;
    }
    return parsed;
  }

  private static Parsed readTree(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Parsed.INVALID : new Parsed(node, false);
    } catch (JsonEOFException e) {
      return Parsed.TRUNCATED;
    } catch (JsonProcessingException | RuntimeException e) {
      // Malformed or too deep: the value is treated as absent, never as an error.
      return Parsed.INVALID;
    }
  }

  /**
   * Returns the complete elements of a JSON array whose text was cut before its end, or null when
   * {@code text} is not an array or not one element is complete.
   */
  static ArrayNode salvageArray(String text) {
    if (text == null || firstNonBlank(text) != '[') {
      return null;
    }
    ArrayNode elements = NODES.arrayNode();
    try (JsonParser parser = MAPPER.createParser(text)) {
      parser.nextToken();
      while (parser.nextToken() != null && parser.currentToken() != JsonToken.END_ARRAY) {
        JsonNode element = MAPPER.readTree(parser);
        if (element != null) {
          elements.add(element);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The cut element and anything after it are lost; what was complete is kept.
    }
    return elements.isEmpty() ? null : elements;
  }

  /** Returns {@code node} rendered as compact JSON, or its text when it is a string. */
  static String render(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    return node.toString();
  }

  private static char firstNonBlank(String text) {
    if (text == null) {
      return 0;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }
}
