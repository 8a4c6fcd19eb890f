package dev.argus.semconv.extract;

import static dev.argus.semconv.GenAiAttributes.ERROR_TYPE;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_OUTPUT_TYPE;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_USAGE_COST;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.argus.semconv.GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;

import dev.argus.semconv.GenAiAttributes;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.TokenUsage;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Locale;

/**
 * Reads the metadata every {@code gen_ai.*} producer shares (operation, provider, models, ids,
 * usage, finish reasons, cost, duration, error), accepting the deprecated names next to the current
 * ones.
 */
@SuppressWarnings("deprecation") // old attribute names are read on purpose
final class SemconvMetadata {

  /** Error type used when the span status is ERROR but no {@code error.type} was set. */
  static final String OTHER_ERROR = "_OTHER";

  private static final String[] OPERATION_PREFIXES = {
    "chat",
    "text_completion",
    "generate_content",
    "embeddings",
    "execute_tool",
    "invoke_agent",
    "invoke_workflow",
    "retrieval",
    "create_agent"
  };

  private SemconvMetadata() {}

  /** Fills the builder from the span's {@code gen_ai.*} attributes and its timing and status. */
  static GenAiCall.Builder read(SpanView view, GenAiCall.Builder builder) {
    AttributeMap attributes = view.attributes();
    Span span = view.span();
    builder
        .setOperation(operation(attributes, span))
        .setProvider(
            GenAiNormalizer.provider(
                attributes.firstString(GEN_AI_PROVIDER_NAME, GenAiAttributes.GEN_AI_SYSTEM)))
        .setRequestModel(attributes.string(GEN_AI_REQUEST_MODEL))
        .setResponseModel(attributes.string(GEN_AI_RESPONSE_MODEL))
        .setResponseId(attributes.string(GEN_AI_RESPONSE_ID))
        .setConversationId(attributes.string(GEN_AI_CONVERSATION_ID))
        .setUsage(usage(attributes))
        .setCostUsd(attributes.doubleValue(GEN_AI_USAGE_COST))
        .setDurationNanos(durationNanos(span))
        .setRequestedFormat(requestedFormat(attributes))
        .setErrorType(errorType(attributes, span));
    List<String> reasons = attributes.strings(GEN_AI_RESPONSE_FINISH_REASONS);
    if (!reasons.isEmpty()) {
      builder.setFinishReasons(GenAiNormalizer.finishReasons(reasons));
    }
    return builder;
  }

  /** Returns the token usage under current, dotted-legacy and underscore-legacy names. */
  static TokenUsage usage(AttributeMap attributes) {
    return new TokenUsage(
        attributes.firstLong(GEN_AI_USAGE_INPUT_TOKENS, GenAiAttributes.GEN_AI_USAGE_PROMPT_TOKENS),
        attributes.firstLong(
            GEN_AI_USAGE_OUTPUT_TOKENS, GenAiAttributes.GEN_AI_USAGE_COMPLETION_TOKENS),
        attributes.firstLong(
            GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
            "gen_ai.usage.cache_read_input_tokens",
            "gen_ai.usage.input_tokens.cached"),
        attributes.firstLong(
            GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS,
            GenAiAttributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
            "gen_ai.usage.cache_creation_input_tokens"),
        attributes.firstLong(
            GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
            "gen_ai.usage.reasoning_tokens",
            "gen_ai.usage.output_tokens.reasoning"));
  }

  /** Returns {@code gen_ai.operation.name}, else the operation the span name starts with. */
  static String operation(AttributeMap attributes, Span span) {
    String operation = attributes.string(GEN_AI_OPERATION_NAME);
    if (operation != null) {
      return operation.trim().toLowerCase(Locale.ROOT);
    }
    String name = span.getName();
    for (String prefix : OPERATION_PREFIXES) {
      if (name.startsWith(prefix)
          && (name.length() == prefix.length() || name.charAt(prefix.length()) == ' ')) {
        return prefix;
      }
    }
    return null;
  }

  static long durationNanos(Span span) {
    long duration = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
    return span.getEndTimeUnixNano() == 0 || duration < 0 ? 0 : duration;
  }

  /** Returns {@code error.type}, else {@link #OTHER_ERROR} when the status is ERROR. */
  static String errorType(AttributeMap attributes, Span span) {
    String type = attributes.string(ERROR_TYPE);
    if (type != null) {
      return type;
    }
    return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? OTHER_ERROR : null;
  }

  /** Returns {@code error.type}, else {@link #OTHER_ERROR}. */
  static String errorTypeOrOther(AttributeMap attributes) {
    String type = attributes.string(ERROR_TYPE);
    return type != null ? type : OTHER_ERROR;
  }

  private static String requestedFormat(AttributeMap attributes) {
    String type =
        attributes.firstString(
            GEN_AI_OUTPUT_TYPE,
            "gen_ai.openai.request.response_format",
            "openai.request.response_format");
    if (type == null) {
      return null;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return lower.startsWith("json") ? "json" : lower;
  }
}
