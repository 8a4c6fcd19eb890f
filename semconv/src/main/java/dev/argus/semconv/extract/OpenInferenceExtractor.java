package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenInference (Arize Phoenix and the frameworks instrumented through it): {@code
 * openinference.span.kind}, flattened {@code llm.input_messages.<i>.message.*} and {@code
 * llm.output_messages.<i>.message.*} (plain {@code content} or {@code contents.<j>.message_content
 * .*}), {@code input.value}/{@code output.value} as a fallback, {@code llm.token_count.*}, {@code
 * llm.cost.total}, and {@code retrieval.documents.<i>.document.*} on RETRIEVER spans. Hidden values
 * ({@code __REDACTED__}) are marked, not read as text.
 */
public final class OpenInferenceExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "openinference";

  static final String SPAN_KIND = "openinference.span.kind";
  private static final String INPUT_VALUE = "input.value";
  private static final String OUTPUT_VALUE = "output.value";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    return view.attributes().has(SPAN_KIND);
  }

  @Override
  public GenAiCall extract(SpanView view) {
    AttributeMap attributes = view.attributes();
    String operation = operation(attributes.string(SPAN_KIND));
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME).setOperation(operation);
    if (!operation.equals("embeddings")) {
      // Embedded texts are inputs to a vector model, not a conversation to score.
      readContent(attributes).applyTo(builder);
    }
    builder
        .setProvider(GenAiNormalizer.provider(attributes.firstString("llm.provider", "llm.system")))
        .setRequestModel(requestModel(attributes))
        .setResponseModel(responseModel(attributes))
        .setConversationId(attributes.string("session.id"))
        .setUsage(usage(attributes))
        .setCostUsd(attributes.doubleValue("llm.cost.total"))
        .setDurationNanos(SemconvMetadata.durationNanos(view.span()))
        .setRequestedFormat(requestedFormat(attributes))
        .setErrorType(SemconvMetadata.errorType(attributes, view.span()));
    if (operation.equals("retrieval")) {
      builder.setRetrievedContext(documents(attributes));
      String query = attributes.string(INPUT_VALUE);
      if (query != null && !LenientJson.looksLikeJson(query)) {
        builder.setPrompt(Texts.wellFormed(query));
      }
    }
    JsonNode output = attributes.json(OUTPUT_VALUE).node();
    if (output != null && output.isObject() && output.has("id")) {
      builder.setResponseId(MessageReader.textOf(output.get("id"), null));
    }
    return builder.build();
  }

  private static String operation(String kind) {
    return switch (kind == null ? "" : kind.toUpperCase(Locale.ROOT)) {
      case "LLM" -> "chat";
      case "EMBEDDING" -> "embeddings";
      case "RETRIEVER" -> "retrieval";
      case "RERANKER" -> "rerank";
      case "TOOL" -> "execute_tool";
      case "AGENT" -> "invoke_agent";
      default -> kind == null ? "other" : kind.toLowerCase(Locale.ROOT);
    };
  }

  private static CallContent readContent(AttributeMap attributes) {
    TreeMap<Integer, Map<String, AnyValue>> inputs =
        IndexedKeys.group(attributes, "llm.input_messages.");
    TreeMap<Integer, Map<String, AnyValue>> outputs =
        IndexedKeys.group(attributes, "llm.output_messages.");
    CallContent content =
        inputs.isEmpty() && outputs.isEmpty()
            ? EntityIo.read(attributes, INPUT_VALUE, OUTPUT_VALUE)
            : messages(inputs, outputs);
    content.finishReasons(finishReasons(attributes));
    return content;
  }

  /** Finish reasons: {@code llm.finish_reason}, else those inside the raw response body. */
  private static List<String> finishReasons(AttributeMap attributes) {
    String reason = attributes.string("llm.finish_reason");
    if (reason != null) {
      return List.of(reason);
    }
    List<String> reasons = new ArrayList<>();
    JsonNode output = attributes.json(OUTPUT_VALUE).node();
    if (output == null || !output.isObject()) {
      return reasons;
    }
    JsonNode choices = output.get("choices");
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        String text = MessageReader.textOf(choice.get("finish_reason"), null);
        if (text != null) {
          reasons.add(text);
        }
      }
    } else if (output.has("status")) {
      // Responses API: "completed", or "incomplete" with the cause in incomplete_details.
      String status = MessageReader.textOf(output.get("status"), null);
      String cause = MessageReader.textOf(output.path("incomplete_details").get("reason"), null);
      if (status != null) {
        reasons.add(cause != null ? cause : status);
      }
    }
    return reasons;
  }

  private static CallContent messages(
      TreeMap<Integer, Map<String, AnyValue>> inputs,
      TreeMap<Integer, Map<String, AnyValue>> outputs) {
    MessageReader input = new MessageReader();
    MessageReader output = new MessageReader();
    inputs.values().forEach(group -> input.read(message(group, "user"), "user"));
    outputs.values().forEach(group -> output.read(message(group, "assistant"), "assistant"));
    return new CallContent().inputFrom(input).outputFrom(output);
  }

  /** Rebuilds one flattened OpenInference message as an OpenAI-style JSON message. */
  private static JsonNode message(Map<String, AnyValue> group, String defaultRole) {
    ObjectNode message = LenientJson.NODES.objectNode();
    String role = IndexedKeys.text(group, "message.role");
    message.put("role", role == null ? defaultRole : role);
    String text = IndexedKeys.text(group, "message.content");
    TreeMap<Integer, Map<String, AnyValue>> contents =
        IndexedKeys.group(group, "message.contents.");
    if (text != null) {
      message.put("content", text);
    } else if (!contents.isEmpty()) {
      ArrayNode parts = message.putArray("content");
      for (Map<String, AnyValue> part : contents.values()) {
        ObjectNode node = parts.addObject();
        String type = IndexedKeys.text(part, "message_content.type");
        node.put("type", type == null ? "text" : type);
        String partText = IndexedKeys.text(part, "message_content.text");
        if (partText != null) {
          node.put("text", partText);
        }
      }
    }
    String toolCallId = IndexedKeys.text(group, "message.tool_call_id");
    if (toolCallId != null) {
      message.put("tool_call_id", toolCallId);
    }
    TreeMap<Integer, Map<String, AnyValue>> calls = IndexedKeys.group(group, "message.tool_calls.");
    if (!calls.isEmpty()) {
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (Map<String, AnyValue> call : calls.values()) {
        ObjectNode node = toolCalls.addObject();
        putText(node, "id", IndexedKeys.text(call, "tool_call.id"));
        putText(node, "name", IndexedKeys.text(call, "tool_call.function.name"));
        putText(node, "arguments", IndexedKeys.text(call, "tool_call.function.arguments"));
      }
    }
    return message;
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String requestModel(AttributeMap attributes) {
    String model = attributes.string("llm.request.model_name");
    if (model != null) {
      return model;
    }
    JsonNode parameters = attributes.json("llm.invocation_parameters").node();
    if (parameters != null && parameters.isObject() && parameters.has("model")) {
      return MessageReader.textOf(parameters.get("model"), null);
    }
    return attributes.firstString("llm.model_name", "embedding.model_name");
  }

  /**
   * The model that answered. {@code llm.model_name} holds it, except on streamed calls where the
   * instrumentation never sees the response and records the requested model instead.
   */
  private static String responseModel(AttributeMap attributes) {
    String model = attributes.string("llm.response.model_name");
    if (model != null) {
      return model;
    }
    JsonNode parameters = attributes.json("llm.invocation_parameters").node();
    boolean streamed = parameters != null && parameters.path("stream").asBoolean(false);
    return streamed ? null : attributes.firstString("llm.model_name", "embedding.model_name");
  }

  /** The {@code response_format} type of the invocation parameters: {@code json} for JSON modes. */
  private static String requestedFormat(AttributeMap attributes) {
    JsonNode parameters = attributes.json("llm.invocation_parameters").node();
    if (parameters == null || !parameters.isObject()) {
      return null;
    }
    JsonNode format = parameters.path("response_format");
    String type = format.isTextual() ? format.asText() : format.path("type").asText("");
    if (type.isEmpty()) {
      return null;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return lower.startsWith("json") ? "json" : lower;
  }

  private static TokenUsage usage(AttributeMap attributes) {
    return new TokenUsage(
        attributes.longValue("llm.token_count.prompt"),
        attributes.longValue("llm.token_count.completion"),
        attributes.longValue("llm.token_count.prompt_details.cache_read"),
        attributes.longValue("llm.token_count.prompt_details.cache_write"),
        attributes.longValue("llm.token_count.completion_details.reasoning"));
  }

  private static List<RetrievedDocument> documents(AttributeMap attributes) {
    List<RetrievedDocument> documents = new ArrayList<>();
    for (Map<String, AnyValue> group :
        IndexedKeys.group(attributes, "retrieval.documents.").values()) {
      String text = Texts.wellFormed(IndexedKeys.text(group, "document.content"));
      if (text == null || ContentMarkers.isPlaceholder(text)) {
        continue;
      }
      documents.add(
          new RetrievedDocument(
              IndexedKeys.text(group, "document.id"),
              AnyValues.doubleValue(group.get("document.score")),
              text));
    }
    return documents;
  }
}
