package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.semconv.GenAiAttributes;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.TokenUsage;
import java.util.List;

/**
 * Vercel AI SDK legacy {@code ai.*} spans (AI SDK 3 to 6, and 7's {@code LegacyOpenTelemetry}): the
 * root operation ({@code ai.generateText}, {@code ai.streamText}, ...) with {@code ai.prompt} =
 * JSON {@code {system, prompt, messages}}, one {@code .doGenerate}/{@code .doStream} step per
 * provider call with {@code ai.prompt.messages}, {@code ai.response.text}, {@code
 * ai.response.toolCalls}, and {@code ai.toolCall} spans. Provider ids such as {@code openai.chat}
 * are normalised; root usage is the sum of its steps and is marked aggregate at trace level.
 */
public final class VercelAiExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "vercel.ai";

  static final String OPERATION_ID = "ai.operationId";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    return view.attributes().has(OPERATION_ID);
  }

  @Override
  public GenAiCall extract(SpanView view) {
    AttributeMap attributes = view.attributes();
    String operationId = attributes.string(OPERATION_ID);
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME);
    content(attributes).applyTo(builder);
    SemconvMetadata.read(view, builder);
    builder
        .setOperation(operation(operationId))
        .setProvider(
            GenAiNormalizer.provider(
                attributes.firstString(
                    "ai.model.provider", GenAiAttributes.GEN_AI_PROVIDER_NAME, "gen_ai.system")))
        .setRequestModel(
            attributes.firstString("ai.model.id", GenAiAttributes.GEN_AI_REQUEST_MODEL))
        .setResponseModel(
            attributes.firstString("ai.response.model", GenAiAttributes.GEN_AI_RESPONSE_MODEL))
        .setResponseId(attributes.firstString("ai.response.id", GenAiAttributes.GEN_AI_RESPONSE_ID))
        .setUsage(usage(attributes));
    if (!attributes.has(GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS)) {
      String reason = attributes.string("ai.response.finishReason");
      if (reason != null) {
        builder.setFinishReasons(List.of(GenAiNormalizer.finishReason(reason)));
      }
    }
    return builder.build();
  }

  @Override
  public SpanRole role(SpanView view, GenAiCall call) {
    String operationId = view.attributes().string(OPERATION_ID);
    if (operationId == null) {
      return SpanRole.OTHER;
    }
    if (operationId.endsWith(".doGenerate") || operationId.endsWith(".doStream")) {
      return SpanRole.LLM_CALL;
    }
    if (operationId.endsWith(".doEmbed")) {
      return SpanRole.EMBEDDINGS;
    }
    if (operationId.equals("ai.toolCall")) {
      return SpanRole.TOOL;
    }
    return SpanRole.OPERATION;
  }

  private static String operation(String operationId) {
    if (operationId == null) {
      return "other";
    }
    if (operationId.equals("ai.toolCall")) {
      return "execute_tool";
    }
    if (operationId.startsWith("ai.embed")) {
      return "embeddings";
    }
    return "chat";
  }

  private static CallContent content(AttributeMap attributes) {
    CallContent content = new CallContent();
    // Well-formed prompt messages in the common shapes are read without a tree.
    MessageReader input = MessageStream.read(attributes.get("ai.prompt.messages"), "user", false);
    if (input == null) {
      input = new MessageReader();
      readPrompt(attributes, input, content);
    }
    return content.inputFrom(input).outputFrom(output(attributes));
  }

  private static void readPrompt(
      AttributeMap attributes, MessageReader input, CallContent content) {
    AttributeMap.JsonValue messages = attributes.json("ai.prompt.messages");
    AttributeMap.JsonValue prompt = attributes.json("ai.prompt");
    if (messages.truncated() || (!messages.present() && prompt.truncated())) {
      // The SDK cuts long prompts mid-JSON.
      content.flag(ContentFlag.INPUT_TRUNCATED);
    } else if (messages.node() != null) {
      input.readAll(messages.node(), "user");
    } else if (prompt.node() != null && prompt.node().isObject()) {
      JsonNode root = prompt.node();
      if (root.has("system")) {
        input.read(root.get("system"), "system");
      }
      if (root.has("messages")) {
        input.readAll(root.get("messages"), "user");
      }
      if (root.has("prompt")) {
        input.read(root.get("prompt"), "user");
      }
    } else if (prompt.text() != null) {
      input.read(LenientJson.NODES.textNode(prompt.text()), "user");
    }
  }

  private static MessageReader output(AttributeMap attributes) {
    MessageReader output = new MessageReader();
    String text = attributes.firstString("ai.response.text", "ai.result.text");
    AttributeMap.JsonValue calls = attributes.json("ai.response.toolCalls");
    if (!calls.present()) {
      calls = attributes.json("ai.result.toolCalls");
    }
    if (text != null || calls.node() != null) {
      ObjectNode message = LenientJson.NODES.objectNode().put("role", "assistant");
      ArrayNode parts = message.putArray("content");
      if (text != null) {
        parts.addObject().put("type", "text").put("text", text);
      }
      if (calls.node() != null && calls.node().isArray()) {
        for (JsonNode call : calls.node()) {
          if (call.isObject()) {
            ObjectNode part = parts.addObject();
            part.setAll((ObjectNode) call);
            part.put("type", "tool-call");
          }
        }
      }
      output.read(message, "assistant");
    }
    return output;
  }

  private static TokenUsage usage(AttributeMap attributes) {
    TokenUsage semconv = SemconvMetadata.usage(attributes);
    return new TokenUsage(
        first(
            attributes.firstLong("ai.usage.promptTokens", "ai.usage.inputTokens"),
            semconv.inputTokens()),
        first(
            attributes.firstLong("ai.usage.completionTokens", "ai.usage.outputTokens"),
            semconv.outputTokens()),
        first(attributes.longValue("ai.usage.cachedInputTokens"), semconv.cacheReadTokens()),
        semconv.cacheWriteTokens(),
        first(attributes.longValue("ai.usage.reasoningTokens"), semconv.reasoningTokens()));
  }

  private static Long first(Long a, Long b) {
    return a != null ? a : b;
  }
}
