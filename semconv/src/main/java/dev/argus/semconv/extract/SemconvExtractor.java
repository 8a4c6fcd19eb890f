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
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Current OpenTelemetry gen-AI semantic conventions (v1.37 and later): content in the span
 * attributes {@code gen_ai.system_instructions}, {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages}, each a JSON string or a structured AnyValue. Also the fallback for
 * any span with {@code gen_ai.operation.name}, {@code gen_ai.provider.name} or the older {@code
 * gen_ai.system} whose content was not captured: it then yields the metadata and usage with
 * {@link dev.argus.semconv.model.ContentStatus#NOT_CAPTURED}.
 */
public final class SemconvExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "otel.genai";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(Span span) {
    return recognizes(SpanView.of(span));
  }

  @Override
  public GenAiCall extract(Span span) {
    return extract(SpanView.of(span));
  }

  @Override
  @SuppressWarnings("deprecation") // gen_ai.system still identifies pre-1.37 producers
  public boolean recognizes(SpanView view) {
    AttributeMap attributes = view.attributes();
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
    readContent(view.attributes()).applyTo(builder);
    return SemconvMetadata.read(view, builder).build();
  }

  /**
   * Reads the three content attributes from {@code attributes} (a span's, or a details event's).
   */
  static CallContent readContent(AttributeMap attributes) {
    CallContent content = new CallContent();
    MessageReader system = read(attributes, GEN_AI_SYSTEM_INSTRUCTIONS, "system", content);
    MessageReader input = read(attributes, GEN_AI_INPUT_MESSAGES, "user", content);
    MessageReader output = read(attributes, GEN_AI_OUTPUT_MESSAGES, "assistant", content);
    if (system != null) {
      content.systemInstructions(joinText(system));
    }
    if (input != null) {
      content.input(input.messages());
    }
    if (output != null) {
      content.output(output.messages()).finishReasons(output.finishReasons());
    }
    return content;
  }

  private static MessageReader read(
      AttributeMap attributes, String key, String defaultRole, CallContent content) {
    AttributeMap.JsonValue value = attributes.json(key);
    if (!value.present()) {
      return null;
    }
    if (value.truncated()) {
      content.markTruncated();
      return null;
    }
    MessageReader reader = new MessageReader();
    if (value.node() != null) {
      if (key.equals(GEN_AI_SYSTEM_INSTRUCTIONS)) {
        // A bare parts array, not a message list.
        reader.readAll(wrapParts(value.node()), defaultRole);
      } else {
        reader.readAll(value.node(), defaultRole);
      }
    } else if (value.text() != null && !LenientJson.looksLikeJson(value.text())) {
      // Plain text where JSON was expected: keep it as one message.
      reader.read(LenientJson.NODES.textNode(value.text()), defaultRole);
    } else {
      // Looked like JSON but could not be read: treat as absent.
      return null;
    }
    content.absorb(reader);
    return reader;
  }

  private static JsonNode wrapParts(JsonNode node) {
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
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : reader.messages()) {
      if (!message.text().isEmpty()) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(message.text());
      }
    }
    return text.toString();
  }
}
