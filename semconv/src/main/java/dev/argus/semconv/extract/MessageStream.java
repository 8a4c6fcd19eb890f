package dev.argus.semconv.extract;

import static dev.argus.semconv.extract.MessageFields.ARGUMENTS;
import static dev.argus.semconv.extract.MessageFields.CONTENT;
import static dev.argus.semconv.extract.MessageFields.FINISH_REASON;
import static dev.argus.semconv.extract.MessageFields.ID;
import static dev.argus.semconv.extract.MessageFields.MESSAGE;
import static dev.argus.semconv.extract.MessageFields.NAME;
import static dev.argus.semconv.extract.MessageFields.OF_CONTENT_ITEM;
import static dev.argus.semconv.extract.MessageFields.OF_MESSAGE;
import static dev.argus.semconv.extract.MessageFields.OF_PART;
import static dev.argus.semconv.extract.MessageFields.PARTS;
import static dev.argus.semconv.extract.MessageFields.RESPONSE;
import static dev.argus.semconv.extract.MessageFields.RESULT;
import static dev.argus.semconv.extract.MessageFields.ROLE;
import static dev.argus.semconv.extract.MessageFields.TEXT;
import static dev.argus.semconv.extract.MessageFields.TOOL_CALLS;
import static dev.argus.semconv.extract.MessageFields.TOOL_CALL_ID;
import static dev.argus.semconv.extract.MessageFields.TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiNormalizer;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the common shapes of message JSON straight from a streaming parser into a {@link
 * MessageReader}, without building a JSON tree: an array of messages {@code {role, parts | content,
 * finish_reason, tool_call_id, id}} whose parts or content items are text or reasoning, choice
 * bodies {@code {finish_reason, message}}, or (for system instructions) an array of parts.
 *
 * <p>This is a fast path, not a second parser. It gives up ({@code null}) on any input it does not
 * read exactly as the tree reader would: malformed or cut JSON, duplicate fields, media parts,
 * doubly encoded strings, non-text values. The caller then reads the value through {@link
 * LenientJson} and {@link MessageReader}, which decide truncation, salvage and every rarer shape;
 * the result is the same either way, only slower.
 */
final class MessageStream {

  /** Thrown to abandon the fast path; preallocated, as giving up must stay cheap. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  private final JsonParser parser;
  private final MessageReader reader = new MessageReader();

  private MessageStream(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * Returns the messages of a string attribute holding a JSON array or object of messages, or null
   * when {@code value} is not such a string or not in a shape read here.
   *
   * @param defaultRole the role of messages that name none
   * @param systemParts true for system instructions, whose array is the parts of one message
   */
  static MessageReader read(AnyValue value, String defaultRole, boolean systemParts) {
    if (value == null || !value.hasStringValue()) {
      return null;
    }
    return read(utf8(value), defaultRole, systemParts);
  }

  /** As {@link #read(AnyValue, String, boolean)} for the text of the value. */
  static MessageReader read(String text, String defaultRole, boolean systemParts) {
    if (!LenientJson.looksLikeJson(text)) {
      return null;
    }
    byte[] utf8 = utf8(text);
    return utf8 == null
        ? null
        : read(new Utf8Bytes(utf8, 0, utf8.length), defaultRole, systemParts);
  }

  private static MessageReader read(Utf8Bytes utf8, String defaultRole, boolean systemParts) {
    if (utf8 == null) {
      return null;
    }
    try (JsonParser parser =
        LenientJson.FACTORY.createParser(utf8.array(), utf8.offset(), utf8.length())) {
      MessageStream stream = new MessageStream(parser);
      JsonToken root = parser.nextToken();
      if (root == JsonToken.START_OBJECT) {
        stream.message(defaultRole);
      } else if (systemParts) {
        stream.systemParts();
      } else {
        stream.messages(defaultRole);
      }
      return stream.reader;
    } catch (IOException | RuntimeException e) {
      // Cut, malformed or unusual: the tree reader handles it (and its flags) exactly.
      return null;
    }
  }

  /**
   * Reads a string value holding one JSON message object into {@code target}, as {@link
   * MessageReader#read} would read its tree; returns false, leaving {@code target} unchanged, when
   * {@code value} is not such a string or not in a shape read here.
   */
  static boolean readOne(AnyValue value, String defaultRole, MessageReader target) {
    if (value == null || !value.hasStringValue()) {
      return false;
    }
    Utf8Bytes utf8 = utf8(value);
    if (utf8 == null) {
      return false;
    }
    MessageStream stream;
    try (JsonParser parser =
        LenientJson.FACTORY.createParser(utf8.array(), utf8.offset(), utf8.length())) {
      stream = new MessageStream(parser);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      stream.message(defaultRole);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    // Only a message read in full joins the target.
    target.addAll(stream.reader);
    return true;
  }

  /**
   * Returns {@code text} as UTF-8, or null when the bytes might not parse as the text does.
   * Jackson's byte parser decodes long strings markedly faster than its char parser; the bytes are
   * used unless encoding would alter the text (an unpaired surrogate becomes '?') or a NUL among
   * the first four bytes would make Jackson guess UTF-16 or UTF-32.
   */
  private static byte[] utf8(String text) {
    // Nearly free on Latin-1 strings, which cannot hold a surrogate.
    if (!Texts.isWellFormed(text)) {
      return null;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return startsWithNul(bytes, 0, bytes.length) ? null : bytes;
  }

  /**
   * As {@link #utf8(String)} for the text of a string value, or null when it does not look like
   * JSON. The bytes come from the value, which keeps them: the span is forwarded by copying them
   * instead of encoding its text once more.
   */
  private static Utf8Bytes utf8(AnyValue value) {
    String text = value.getStringValue();
    if (!LenientJson.looksLikeJson(text) || !Texts.isWellFormed(text)) {
      return null;
    }
    Utf8Bytes bytes = Utf8Bytes.of(value);
    return startsWithNul(bytes.array(), bytes.offset(), bytes.length()) ? null : bytes;
  }

  private static boolean startsWithNul(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + Math.min(4, length); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Reads an array of messages; the parser is on its start. */
  private void messages(String defaultRole) throws IOException {
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.START_OBJECT) {
        message(defaultRole);
      } else if (token == JsonToken.VALUE_STRING) {
        // A bare string is a whole message of the default role, which is not normalised.
        MessageReader.Builder message = new MessageReader.Builder(defaultRole);
        reader.appendText(message.text, parser.getText());
        reader.add(message);
      } else {
        throw UNSUPPORTED;
      }
    }
  }

  /** Reads system instructions given as an array of parts of one system message. */
  private void systemParts() throws IOException {
    MessageReader.Builder message = new MessageReader.Builder(GenAiNormalizer.role("system"));
    boolean first = true;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      // A first element with a role makes the array a list of whole messages instead.
      part(message, first);
      first = false;
    }
    reader.add(message);
  }

  /** Reads one message object; the parser is on its start. */
  private void message(String defaultRole) throws IOException {
    MessageReader.Builder message = new MessageReader.Builder(null);
    String role = null;
    String finishReason = null;
    String toolCallId = null;
    String id = null;
    MessageReader wrapped = null;
    JsonNode toolCalls = null;
    int seen = 0;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      int bit = MessageFields.bit(field);
      seen = once(seen, bit & OF_MESSAGE);
      switch (bit) {
        case ROLE -> role = string(token);
        case FINISH_REASON -> finishReason = string(token);
        case TOOL_CALL_ID -> toolCallId = string(token);
        case ID -> id = string(token);
        case PARTS -> parts(token, message);
        case CONTENT -> content(token, message);
        case MESSAGE -> wrapped = wrapped(token, defaultRole);
          // Small and of many shapes: read as a tree, by the tree reader's own rules.
        case TOOL_CALLS -> toolCalls = parser.readValueAsTree();
        default -> skipScalar(token);
      }
    }
    if ((seen & PARTS) != 0 && (seen & CONTENT) != 0) {
      throw UNSUPPORTED;
    }
    if (wrapped != null && (seen & ROLE) == 0) {
      // gen_ai.choice body {index, finish_reason, message}: the inner message is the message.
      if ((seen & (PARTS | CONTENT)) != 0) {
        // Ignored beside the inner message, yet a placeholder there has marked this reader.
        throw UNSUPPORTED;
      }
      reader.addFinishReason(finishReason);
      reader.addAll(wrapped);
      return;
    }
    message.role = GenAiNormalizer.role(role == null || role.isEmpty() ? defaultRole : role);
    if ((seen & PARTS) == 0) {
      // OpenAI style: the answered call is tool_call_id, or id in gen_ai.tool.message bodies.
      message.toolCallId = emptyToNull(toolCallId);
      if (message.toolCallId == null && message.role.equals("tool")) {
        message.toolCallId = emptyToNull(id);
      }
      MessageReader.addToolCalls(toolCalls, message);
    }
    reader.addFinishReason(finishReason);
    reader.add(message);
  }

  /**
   * Reads the {@code message} field of a possible choice body into a reader of its own, as it
   * counts only if the outer object turns out to have no role; null when it is no object.
   */
  private MessageReader wrapped(JsonToken token, String defaultRole) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      skipScalar(token);
      return null;
    }
    MessageStream inner = new MessageStream(parser);
    inner.message(defaultRole);
    return inner.reader;
  }

  private void parts(JsonToken token, MessageReader.Builder message) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      throw UNSUPPORTED;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      part(message, false);
    }
  }

  /**
   * Reads one typed part: text, reasoning, a tool call or a tool call's response; the parser is on
   * the part's first token. The small fields of calls and responses are read as trees, so that
   * their text and rendering are the tree reader's own.
   */
  private void part(MessageReader.Builder message, boolean refuseRole) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      reader.appendText(message.text, parser.getText());
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw UNSUPPORTED;
    }
    String type = null;
    String content = null;
    JsonNode id = null;
    JsonNode name = null;
    JsonNode arguments = null;
    JsonNode response = null;
    JsonNode result = null;
    int seen = 0;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      int bit = MessageFields.bit(field);
      seen = once(seen, bit & OF_PART);
      switch (bit) {
        case TYPE -> type = string(value);
        case CONTENT -> content = string(value);
        case ID -> id = parser.readValueAsTree();
        case NAME -> name = parser.readValueAsTree();
        case ARGUMENTS -> arguments = parser.readValueAsTree();
        case RESPONSE -> response = parser.readValueAsTree();
        case RESULT -> result = parser.readValueAsTree();
        case ROLE -> {
          if (refuseRole) {
            throw UNSUPPORTED;
          }
          skipScalar(value);
        }
        default -> skipScalar(value);
      }
    }
    switch (type == null || type.isEmpty() ? "text" : type) {
      case "text", "refusal", "input_text", "output_text" ->
          reader.appendText(message.text, content);
      case "reasoning", "thinking" -> reader.appendText(message.reasoning, content);
      case "tool_call" -> message.calls.add(MessageReader.toolCall(id, name, arguments));
      case "tool_call_response" -> {
        message.toolCallId = MessageReader.textOf(id, message.toolCallId);
        reader.appendText(message.text, (seen & RESPONSE) != 0 ? response : result);
      }
      case "blob", "uri", "file" -> throw UNSUPPORTED;
      default -> {
        // Server tool calls and custom parts carry no answer text.
      }
    }
  }

  /** Reads an OpenAI-style content: a string, null, or an array of typed items. */
  private void content(JsonToken token, MessageReader.Builder message) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      reader.appendText(message.text, parser.getText());
    } else if (token == JsonToken.START_ARRAY) {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        contentItem(message);
      }
    } else if (token != JsonToken.VALUE_NULL) {
      throw UNSUPPORTED;
    }
  }

  /** Reads one content item: {@code {type, text}} of text or reasoning, or a bare string. */
  private void contentItem(MessageReader.Builder message) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      reader.appendText(message.text, parser.getText());
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw UNSUPPORTED;
    }
    String type = null;
    String text = null;
    int seen = 0;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      int bit = MessageFields.bit(field);
      seen = once(seen, bit & OF_CONTENT_ITEM);
      switch (bit) {
        case TYPE -> type = string(value);
        case TEXT -> text = string(value);
          // Read only when "text" is absent; the tree reader settles that case.
        case CONTENT -> throw UNSUPPORTED;
        default -> skipScalar(value);
      }
    }
    switch (type == null || type.isEmpty() ? "text" : type) {
      case "text", "input_text", "output_text", "refusal" -> reader.appendText(message.text, text);
      case "reasoning", "thinking" -> reader.appendText(message.reasoning, text);
      case "tool-call",
              "tool_use",
              "tool-result",
              "tool_result",
              "image_url",
              "input_image",
              "image",
              "file",
              "input_file",
              "input_audio" ->
          throw UNSUPPORTED;
      default -> {
        // Other media and custom items are not text.
      }
    }
  }

  /** Returns the string value the parser is on; other values are left to the tree reader. */
  private String string(JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw UNSUPPORTED;
    }
    return parser.getText();
  }

  /**
   * Passes over a scalar of an ignored field, decoding it in full so that it is checked exactly as
   * the tree reader checks it; an ignored object or array ends the fast path.
   */
  private void skipScalar(JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING -> parser.finishToken();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
        // Nothing more to read.
      }
      default -> throw UNSUPPORTED;
    }
  }

  /**
   * Returns {@code seen} with {@code field} added, or gives up when the object has had that field
   * before; a {@code field} of 0 (one the object passes over) is never refused.
   */
  private static int once(int seen, int field) {
    if ((seen & field) != 0) {
      throw UNSUPPORTED;
    }
    return seen | field;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
