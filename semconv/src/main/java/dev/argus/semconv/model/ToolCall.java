package dev.argus.semconv.model;

/**
 * A tool call requested by a model.
 *
 * @param id the call id the producer assigned, or null when none was recorded
 * @param name the tool name, or null when content capture dropped it
 * @param arguments the arguments as sent (usually JSON), or null when not captured
 */
public record ToolCall(String id, String name, String arguments) {}
