package dev.argus.semconv.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a gen-AI conversation, reduced to what evaluation needs.
 *
 * @param role normalised role: {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param text the text parts joined with {@code \n}; empty when the message has no text part
 * @param toolCalls tool calls requested by this message, in order
 * @param toolCallId for a tool result message, the id of the call it answers; otherwise null
 */
public record ChatMessage(String role, String text, List<ToolCall> toolCalls, String toolCallId) {

  /** Validates and copies the components. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** Returns a message with text only. */
  public static ChatMessage of(String role, String text) {
    return new ChatMessage(role, text, List.of(), null);
  }
}
