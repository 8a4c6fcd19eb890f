package dev.argus.semconv.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a gen-AI conversation, reduced to what evaluation needs.
 *
 * @param role normalised role: {@code system}, {@code user}, {@code assistant}, {@code tool}, the
 *     producer's own value for other roles, or empty when the producer recorded none
 * @param text the text parts joined with {@code \n}; empty when the message has no text part
 * @param toolCalls tool calls requested by this message, in order
 * @param toolCallId for a tool result message, the id of the call it answers; otherwise null
 * @param reasoning text of the message's reasoning parts joined with {@code \n}; empty if none
 * @param attachments non-text parts (blob, uri, file), in order
 */
public record ChatMessage(
    String role,
    String text,
    List<ToolCall> toolCalls,
    String toolCallId,
    String reasoning,
    List<Attachment> attachments) {

  /** Validates and copies the components. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    reasoning = reasoning == null ? "" : reasoning;
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** Creates a message without reasoning or attachments. */
  public ChatMessage(String role, String text, List<ToolCall> toolCalls, String toolCallId) {
    this(role, text, toolCalls, toolCallId, "", List.of());
  }

  /** Returns a message with text only. */
  public static ChatMessage of(String role, String text) {
    return new ChatMessage(role, text, List.of(), null);
  }
}
