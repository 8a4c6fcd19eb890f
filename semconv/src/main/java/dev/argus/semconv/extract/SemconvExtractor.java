package dev.argus.semconv.extract;

import static dev.argus.semconv.GenAiAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_OUTPUT_MESSAGES;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_SYSTEM_INSTRUCTIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.semconv.GenAiAttributes;
import dev.argus.semconv.GenAiEvents;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.GenAiCall;
import java.util.List;

/**
 * Current OpenTelemetry gen-AI semantic conventions (v1.37 and later): content in the span
 * attributes {@code gen_ai.system_instructions}, {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages}, each a JSON string or a structured AnyValue. Also the fallback for any
 * span with {@code gen_ai.operation.name}, {@code gen_ai.provider.name} or the older {@code
 * gen_ai.system} whose content was not captured: it then yields the metadata and usage with {@link
 * dev.argus.semconv.model.ContentStatus#NOT_CAPTURED}.
 */
public final class SemconvExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "otel.genai";

  private final boolean contentOnly;

  /** Creates an extractor that recognises every {@code gen_ai.*} span. */
  public SemconvExtractor() {
    this(false);
  }

  private SemconvExtractor(boolean contentOnly) {
    this.contentOnly = contentOnly;
  }

  /**
   * Returns an extractor that recognises only spans carrying a content attribute, so that event and
   * legacy forms can be tried before the metadata-only fallback.
   */
  public static SemconvExtractor withContentOnly() {
    return new SemconvExtractor(true);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  @SuppressWarnings("deprecation") // gen_ai.system still identifies pre-1.37 producers
  public boolean recognizes(SpanView view) {
    AttributeMap attributes = view.attributes();
    if (contentOnly) {
      return attributes.has(GEN_AI_INPUT_MESSAGES)
          || attributes.has(GEN_AI_OUTPUT_MESSAGES)
          || (attributes.has(GEN_AI_SYSTEM_INSTRUCTIONS)
              && !view.hasEvent(GenAiEvents.GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS));
    }
    return attributes.has(GEN_AI_OPERATION_NAME)
        || attributes.has(GEN_AI_PROVIDER_NAME)
        || attributes.has(GenAiAttributes.GEN_AI_SYSTEM)
        || attributes.has(GEN_AI_INPUT_MESSAGES)
        || attributes.has(GEN_AI_OUTPUT_MESSAGES)
        || attributes.has(GEN_AI_REQUEST_MODEL);
  }

  @Override
  public GenAiCall extract(SpanView view) {
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME);
    AttributeMap attributes = view.attributes();
    readContent(attributes).applyTo(builder);
    SemconvMetadata.read(view, builder);
    if (attributes.has(GenAiAttributes.GEN_AI_RETRIEVAL_DOCUMENTS)) {
      builder.setRetrievedContext(RetrievalDocuments.read(attributes));
    }
    String query = attributes.string(GenAiAttributes.GEN_AI_RETRIEVAL_QUERY_TEXT);
    if (query != null) {
      builder.setPrompt(Texts.wellFormed(query));
    }
    return builder.build();
  }

  /**
   * Reads the three content attributes from {@code attributes} (a span's, or a details event's).
   */
  static CallContent readContent(AttributeMap attributes) {
    return readContent(List.of(attributes));
  }

  /**
   * Reads the three content attributes, each from the first of {@code sources} that has it (the
   * details event may split input and output over two records).
   */
  static CallContent readContent(List<AttributeMap> sources) {
    CallContent content = new CallContent();
    MessageReader system = read(sources, GEN_AI_SYSTEM_INSTRUCTIONS, "system", content);
    MessageReader input = read(sources, GEN_AI_INPUT_MESSAGES, "user", content);
    MessageReader output = read(sources, GEN_AI_OUTPUT_MESSAGES, "assistant", content);
    if (system != null) {
      content.systemInstructions(joinText(system));
      if (system.redacted()) {
        content.flag(ContentFlag.INPUT_REDACTED);
      }
    }
    if (input != null) {
      content.inputFrom(input);
    }
    if (output != null) {
      content.outputFrom(output);
    }
    return content;
  }

  private static MessageReader read(
      List<AttributeMap> sources, String key, String defaultRole, CallContent content) {
    for (AttributeMap attributes : sources) {
      if (attributes.has(key)) {
        return read(attributes, key, defaultRole, content);
      }
    }
    return null;
  }

  private static MessageReader read(
      AttributeMap attributes, String key, String defaultRole, CallContent content) {
    boolean system = key.equals(GEN_AI_SYSTEM_INSTRUCTIONS);
    // Most values are well-formed JSON strings in the common shapes: read them without a tree.
    MessageReader streamed = MessageStream.read(attributes.get(key), defaultRole, system);
    if (streamed != null) {
      return streamed;
    }
    AttributeMap.JsonValue value = attributes.json(key);
    if (!value.present()) {
      return null;
    }
    boolean output = key.equals(GEN_AI_OUTPUT_MESSAGES);
    MessageReader reader = new MessageReader();
    JsonNode node = value.node();
    if (value.truncated()) {
      // Cut by a length limit: keep the messages that are complete, drop the cut one.
      content.flag(output ? ContentFlag.OUTPUT_TRUNCATED : ContentFlag.INPUT_TRUNCATED);
      node = LenientJson.salvageArray(value.text());
      if (node == null) {
        return null;
      }
    }
    if (node != null) {
      reader.readAll(system ? wrapParts(node) : node, defaultRole);
    } else if (value.text() != null) {
      if (LenientJson.looksLikeJson(value.text())) {
        // Not JSON (a Python repr, for one): score the raw text rather than lose it.
        content.flag(output ? ContentFlag.OUTPUT_UNRECOGNISED : ContentFlag.INPUT_UNRECOGNISED);
      }
      reader.read(LenientJson.NODES.textNode(value.text()), defaultRole);
    }
    return reader;
  }

  /** Returns system instructions given as a parts array wrapped into one system message. */
  static JsonNode wrapParts(JsonNode node) {
    if (!node.isArray() || (node.size() > 0 && node.get(0).has("role"))) {
      // Not a parts array: a single value, or a list of whole messages.
      return node;
    }
    ObjectNode message = LenientJson.NODES.objectNode();
    message.put("role", "system");
    message.set("parts", node);
    return message;
  }

  private static String joinText(MessageReader reader) {
    TextParts text = new TextParts();
    for (ChatMessage message : reader.messages()) {
      if (!message.text().isEmpty()) {
        text.add(message.text());
      }
    }
    return text.text();
  }
}
