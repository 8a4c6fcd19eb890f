package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.TokenUsage;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenLLMetry / Traceloop before semconv-ai 0.5: indexed attributes {@code
 * gen_ai.prompt.<N>.{role,content,tool_call_id,tool_calls.<J>.*}} and {@code
 * gen_ai.completion.<N>.*} read in numeric order, {@code llm.request.type}, {@code
 * llm.usage.total_tokens}, and the workflow spans ({@code traceloop.span.kind}, {@code
 * traceloop.entity.input/output}, which may be cut mid-JSON). Spans of 0.5 and later that use the
 * semconv content attributes are read through the same rules as {@link SemconvExtractor}.
 */
public final class OpenLlmetryExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "openllmetry";

  static final String SPAN_KIND = "traceloop.span.kind";
  static final String REQUEST_TYPE = "llm.request.type";
  static final String ENTITY_INPUT = "traceloop.entity.input";
  static final String ENTITY_OUTPUT = "traceloop.entity.output";
  static final String SESSION_ID = "traceloop.association.properties.session_id";
  private static final String PROMPT_PREFIX = "gen_ai.prompt.";
  private static final String COMPLETION_PREFIX = "gen_ai.completion.";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    AttributeMap attributes = view.attributes();
    return attributes.has(SPAN_KIND)
        || attributes.has(REQUEST_TYPE)
        || attributes.has("gen_ai.prompt.0.role")
        || attributes.has("gen_ai.prompt.0.content")
        || attributes.has("gen_ai.completion.0.content");
  }

  @Override
  public GenAiCall extract(SpanView view) {
    AttributeMap attributes = view.attributes();
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME);
    CallContent content = readContent(attributes);
    content.applyTo(builder);
    SemconvMetadata.read(view, builder);
    builder.setOperation(operation(attributes, view.span()));
    TokenUsage usage = SemconvMetadata.usage(attributes);
    if (usage.inputTokens() == null && usage.outputTokens() != null) {
      Long total = attributes.longValue("llm.usage.total_tokens");
      if (total != null) {
        usage =
            new TokenUsage(
                total - usage.outputTokens(),
                usage.outputTokens(),
                usage.cacheReadTokens(),
                usage.cacheWriteTokens(),
                usage.reasoningTokens());
      }
    }
    builder.setUsage(usage);
    String session = attributes.string(SESSION_ID);
    if (session != null && attributes.string("gen_ai.conversation.id") == null) {
      builder.setConversationId(session);
    }
    return builder.build();
  }

  private static String operation(AttributeMap attributes, Span span) {
    String type = attributes.string(REQUEST_TYPE);
    if (type != null) {
      return switch (type.toLowerCase(Locale.ROOT)) {
        case "completion" -> "text_completion";
        case "embedding" -> "embeddings";
        default -> type.toLowerCase(Locale.ROOT);
      };
    }
    String kind = attributes.string(SPAN_KIND);
    if (kind != null) {
      return switch (kind.toLowerCase(Locale.ROOT)) {
        case "agent" -> "invoke_agent";
        case "tool" -> "execute_tool";
        default -> kind.toLowerCase(Locale.ROOT);
      };
    }
    String operation = SemconvMetadata.operation(attributes, span);
    return operation != null ? operation : "chat";
  }

  private static CallContent readContent(AttributeMap attributes) {
    TreeMap<Integer, Map<String, AnyValue>> prompts = IndexedKeys.group(attributes, PROMPT_PREFIX);
    TreeMap<Integer, Map<String, AnyValue>> completions =
        IndexedKeys.group(attributes, COMPLETION_PREFIX);
    if (prompts.isEmpty() && completions.isEmpty()) {
      if (attributes.has(ENTITY_INPUT) || attributes.has(ENTITY_OUTPUT)) {
        return EntityIo.read(attributes, ENTITY_INPUT, ENTITY_OUTPUT);
      }
      return SemconvExtractor.readContent(attributes);
    }
    CallContent content = new CallContent();
    MessageReader input = new MessageReader();
    MessageReader output = new MessageReader();
    // A prompt entry without a role keeps an unknown (empty) role rather than a guessed one.
    prompts.values().forEach(group -> input.read(message(group, ""), ""));
    completions.values().forEach(group -> output.read(message(group, "assistant"), "assistant"));
    content.inputFrom(input).outputFrom(output);
    return content;
  }

  /** Rebuilds one flattened message as an OpenAI-style JSON message. */
  private static JsonNode message(Map<String, AnyValue> group, String defaultRole) {
    ObjectNode message = LenientJson.NODES.objectNode();
    String role = IndexedKeys.text(group, "role");
    if (role != null || !defaultRole.isEmpty()) {
      message.put("role", role == null ? defaultRole : role);
    }
    String content = IndexedKeys.text(group, "content");
    if (content != null) {
      // Multimodal content is a JSON list of parts inside the string.
      LenientJson.Parsed parsed = LenientJson.parse(content);
      message.set(
          "content",
          parsed.node() != null && parsed.node().isArray()
              ? parsed.node()
              : LenientJson.NODES.textNode(content));
    }
    putText(message, "tool_call_id", IndexedKeys.text(group, "tool_call_id"));
    putText(message, "finish_reason", IndexedKeys.text(group, "finish_reason"));
    TreeMap<Integer, Map<String, AnyValue>> calls = IndexedKeys.group(group, "tool_calls.");
    if (!calls.isEmpty()) {
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (Map<String, AnyValue> call : calls.values()) {
        ObjectNode node = toolCalls.addObject();
        putText(node, "id", IndexedKeys.text(call, "id"));
        putText(node, "name", IndexedKeys.text(call, "name"));
        putText(node, "arguments", IndexedKeys.text(call, "arguments"));
      }
    }
    return message;
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
