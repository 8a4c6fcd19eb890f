package dev.argus.core.correction;

import dev.argus.semconv.model.ToolCall;
import java.util.List;
import java.util.Objects;

/**
 * One message of a rewritten prompt, shaped like an OpenAI chat-completions message.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the message text (may be empty for an assistant message with tool calls)
 * @param toolCalls tool calls of an assistant message, in order
 * @param toolCallId for a {@code tool} message, the id of the call it answers; otherwise null
 */
public record PromptMessage(
    String role, String content, List<ToolCall> toolCalls, String toolCallId) {

  /** Validates and copies the components. */
  public PromptMessage {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** Returns a message with text only. */
  public static PromptMessage of(String role, String content) {
    return new PromptMessage(role, content, List.of(), null);
  }
}
