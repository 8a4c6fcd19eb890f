package dev.argus.semconv.extract;

/**
 * One execution of a tool, read from an {@code execute_tool}, {@code ai.toolCall}, OpenInference
 * TOOL or OpenLLMetry tool span.
 *
 * @param spanId hex id of the span
 * @param callId the tool call id ({@code gen_ai.tool.call.id} or the convention's equivalent), or
 *     null when none was recorded
 * @param toolName the tool name, or null
 * @param arguments the arguments as sent (usually JSON), or null when not captured
 * @param result the result (usually JSON), or null when not captured or the attempt failed
 * @param failed true when the span status is ERROR or it carries {@code error.type}
 * @param errorType {@code error.type}, else {@code _OTHER} for a failed attempt, else null
 * @param errorMessage the span status message, or null
 * @param startTimeUnixNano start of the attempt
 */
public record ToolAttempt(
    String spanId,
    String callId,
    String toolName,
    String arguments,
    String result,
    boolean failed,
    String errorType,
    String errorMessage,
    long startTimeUnixNano) {}
