package dev.argus.semconv.extract;

import dev.argus.semconv.GenAiAttributes;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** Reads one tool execution from a tool span of any supported convention. */
final class ToolSpans {
  private static final String EXECUTE_TOOL_PREFIX = "execute_tool ";

  private ToolSpans() {}

  static ToolAttempt read(SpanView view, String spanId) {
    AttributeMap attributes = view.attributes();
    Span span = view.span();
    boolean failed =
        span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR
            || attributes.has(GenAiAttributes.ERROR_TYPE);
    String message = span.getStatus().getMessage();
    return new ToolAttempt(
        spanId,
        attributes.firstString(
            GenAiAttributes.GEN_AI_TOOL_CALL_ID, "ai.toolCall.id", "tool_call.id", "tool.id"),
        name(attributes, span),
        value(
            attributes,
            GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS,
            "ai.toolCall.args",
            "ai.toolCall.input",
            "input.value",
            OpenLlmetryExtractor.ENTITY_INPUT),
        failed
            ? null
            : value(
                attributes,
                GenAiAttributes.GEN_AI_TOOL_CALL_RESULT,
                "ai.toolCall.result",
                "ai.toolCall.output",
                "output.value",
                OpenLlmetryExtractor.ENTITY_OUTPUT),
        failed,
        failed ? SemconvMetadata.errorTypeOrOther(attributes) : null,
        message.isEmpty() ? null : message,
        span.getStartTimeUnixNano());
  }

  private static String name(AttributeMap attributes, Span span) {
    String name =
        attributes.firstString(
            GenAiAttributes.GEN_AI_TOOL_NAME,
            "ai.toolCall.name",
            "tool.name",
            "traceloop.entity.name");
    if (name == null && span.getName().startsWith(EXECUTE_TOOL_PREFIX)) {
      name = span.getName().substring(EXECUTE_TOOL_PREFIX.length());
    }
    return name;
  }

  /** Returns the first present value, structured values rendered as compact JSON. */
  private static String value(AttributeMap attributes, String... keys) {
    for (String key : keys) {
      AttributeMap.JsonValue value = attributes.json(key);
      if (value.text() != null) {
        return Texts.wellFormed(value.text());
      }
      if (value.node() != null) {
        return LenientJson.render(value.node());
      }
    }
    return null;
  }
}
