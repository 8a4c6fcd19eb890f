package dev.argus.semconv.extract;

import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the messages an extractor found into the evaluation fields of a call, the same way for
 * every convention: prompt = last user message, completion = text of the first output message,
 * system = separate instructions plus in-history system messages, context = tool results of the
 * current turn, else the context block pasted into the system or user text.
 */
final class CallContent {
  private String systemInstructions;
  private final List<ChatMessage> input = new ArrayList<>();
  private final List<ChatMessage> output = new ArrayList<>();
  private final List<String> finishReasons = new ArrayList<>();
  private boolean truncated;
  private boolean redacted;

  CallContent systemInstructions(String text) {
    if (text != null && !text.isEmpty()) {
      systemInstructions =
          systemInstructions == null ? text : systemInstructions + "\n" + text;
    }
    return this;
  }

  CallContent input(List<ChatMessage> messages) {
    input.addAll(messages);
    return this;
  }

  CallContent output(List<ChatMessage> messages) {
    output.addAll(messages);
    return this;
  }

  /** Adds raw finish reasons found inside or next to the output messages. */
  CallContent finishReasons(List<String> raw) {
    finishReasons.addAll(raw);
    return this;
  }

  CallContent markTruncated() {
    truncated = true;
    return this;
  }

  CallContent markRedacted() {
    redacted = true;
    return this;
  }

  /** Takes the placeholder and truncation flags a reader observed. */
  CallContent absorb(MessageReader reader) {
    redacted |= reader.redacted();
    return this;
  }

  boolean isEmpty() {
    return systemInstructions == null && input.isEmpty() && output.isEmpty();
  }

  /** Writes the content fields into {@code builder}. */
  GenAiCall.Builder applyTo(GenAiCall.Builder builder) {
    StringBuilder system = new StringBuilder(systemInstructions == null ? "" : systemInstructions);
    int lastUser = -1;
    for (int i = 0; i < input.size(); i++) {
      ChatMessage message = input.get(i);
      if (message.role().equals("system") && !message.text().isEmpty()) {
        if (system.length() > 0) {
          system.append('\n');
        }
        system.append(message.text());
      } else if (message.role().equals("user")) {
        lastUser = i;
      }
    }
    String prompt = lastUser >= 0 ? input.get(lastUser).text() : "";
    String completion = output.isEmpty() ? "" : output.get(0).text();
    List<ToolCall> calls = new ArrayList<>();
    for (ChatMessage message : output) {
      calls.addAll(message.toolCalls());
    }
    builder
        .setSystemInstructions(system.toString())
        .setInputMessages(input)
        .setPrompt(prompt)
        .setCompletion(completion)
        .setToolCalls(calls)
        .setRetrievedContext(context(lastUser, system.toString(), prompt))
        .setContentStatus(status(prompt, completion, system.length() > 0));
    if (!finishReasons.isEmpty()) {
      // Span-level finish reasons, read afterwards by the metadata reader, take precedence.
      builder.setFinishReasons(GenAiNormalizer.finishReasons(finishReasons));
    }
    return builder;
  }

  private List<RetrievedDocument> context(int lastUser, String system, String prompt) {
    List<RetrievedDocument> documents = new ArrayList<>();
    for (int i = lastUser + 1; i < input.size(); i++) {
      ChatMessage message = input.get(i);
      if (message.role().equals("tool") && !message.text().isEmpty()) {
        documents.add(
            new RetrievedDocument(
                message.toolCallId(), null, message.text(), RetrievedDocument.Source.TOOL_RESULT));
      }
    }
    if (!documents.isEmpty()) {
      return documents;
    }
    String block = ContextBlocks.find(system);
    if (block == null) {
      block = ContextBlocks.find(prompt);
    }
    if (block != null) {
      documents.add(new RetrievedDocument(null, null, block, RetrievedDocument.Source.INLINE));
    }
    return documents;
  }

  private ContentStatus status(String prompt, String completion, boolean hasSystem) {
    if (redacted) {
      return ContentStatus.REDACTED;
    }
    if (truncated) {
      return ContentStatus.TRUNCATED;
    }
    boolean any = !prompt.isEmpty() || !completion.isEmpty() || hasSystem;
    if (!any) {
      for (ChatMessage message : output) {
        any |= !message.toolCalls().isEmpty();
      }
    }
    return any ? ContentStatus.CAPTURED : ContentStatus.NOT_CAPTURED;
  }
}
