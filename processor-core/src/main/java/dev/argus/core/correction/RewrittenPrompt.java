package dev.argus.core.correction;

import java.util.List;

/**
 * A request the application can resend as is to an OpenAI-compatible chat endpoint.
 *
 * @param model the model the original call asked for, or null when unknown
 * @param messages the original system instructions and history, with the correction instructions
 *     added to the system message
 * @param responseFormat {@code json_object} when the original call asked for JSON, else null
 */
public record RewrittenPrompt(String model, List<PromptMessage> messages, String responseFormat) {

  /** Copies the messages. */
  public RewrittenPrompt {
    messages = List.copyOf(messages);
  }
}
