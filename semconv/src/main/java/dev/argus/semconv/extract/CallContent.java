package dev.argus.semconv.extract;

import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
  private final Set<ContentFlag> flags = EnumSet.noneOf(ContentFlag.class);

  CallContent systemInstructions(String text) {
    if (text != null && !text.isEmpty()) {
      systemInstructions = systemInstructions == null ? text : systemInstructions + "\n" + text;
    }
    return this;
  }

  /** Adds the input messages of {@code reader} and its redaction flag. */
  CallContent inputFrom(MessageReader reader) {
    addNonEmpty(reader.messages(), input);
    if (reader.redacted()) {
      flags.add(ContentFlag.INPUT_REDACTED);
    }
    return this;
  }

  /** Adds the output messages of {@code reader}, their finish reasons and redaction flag. */
  CallContent outputFrom(MessageReader reader) {
    addNonEmpty(reader.messages(), output);
    finishReasons.addAll(reader.finishReasons());
    if (reader.redacted()) {
      flags.add(ContentFlag.OUTPUT_REDACTED);
    }
    return this;
  }

  /** Adds raw finish reasons found next to the output messages. */
  CallContent finishReasons(List<String> raw) {
    finishReasons.addAll(raw);
    return this;
  }

  CallContent flag(ContentFlag flag) {
    flags.add(flag);
    return this;
  }

  // Events recorded with capture off still exist but are empty; they are not conversation.
  private static void addNonEmpty(List<ChatMessage> messages, List<ChatMessage> target) {
    for (ChatMessage message : messages) {
      if (!message.text().isEmpty()
          || !message.toolCalls().isEmpty()
          || message.toolCallId() != null
          || !message.attachments().isEmpty()
          || !message.reasoning().isEmpty()) {
        target.add(message);
      }
    }
  }

  /** Writes the content fields into {@code builder}. */
  GenAiCall.Builder applyTo(GenAiCall.Builder builder) {
    // Usually no system message joins the instructions: no copy of a long text is made then.
    String system = systemInstructions == null ? "" : systemInstructions;
    int lastUser = -1;
    for (int i = 0; i < input.size(); i++) {
      ChatMessage message = input.get(i);
      if (message.role().equals("system") && !message.text().isEmpty()) {
        if (system.contains(message.text())) {
          // The same instructions sent both separately and in the history count once.
          continue;
        }
        system = system.isEmpty() ? message.text() : system + "\n" + message.text();
      } else if (message.role().equals("user")) {
        lastUser = i;
      }
    }
    String prompt = lastUser >= 0 ? input.get(lastUser).text() : "";
    String completion = output.isEmpty() ? "" : output.get(0).text();
    String reasoning = output.isEmpty() ? "" : output.get(0).reasoning();
    List<ToolCall> calls = new ArrayList<>();
    for (ChatMessage message : output) {
      calls.addAll(message.toolCalls());
    }
    builder
        .setSystemInstructions(system)
        .setInputMessages(input)
        .setPrompt(prompt)
        .setCompletion(completion)
        .setReasoning(reasoning)
        .setToolCalls(calls)
        .setRetrievedContext(context(lastUser, system, prompt))
        .setContentStatus(status(prompt, completion, calls))
        .setContentFlags(flags);
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

  /**
   * CAPTURED when there is text or a tool call to evaluate and the output is intact; TRUNCATED when
   * the output (or, without output, the input) was cut; REDACTED when placeholders left nothing;
   * NOT_CAPTURED otherwise. System instructions alone do not count: the official instrumentation
   * keeps them on the span and sends the conversation as log records.
   */
  private ContentStatus status(String prompt, String completion, List<ToolCall> calls) {
    boolean outputCut = flags.contains(ContentFlag.OUTPUT_TRUNCATED);
    boolean inputCut = flags.contains(ContentFlag.INPUT_TRUNCATED);
    if (outputCut || (inputCut && completion.isEmpty() && calls.isEmpty())) {
      return ContentStatus.TRUNCATED;
    }
    if (!prompt.isEmpty() || !completion.isEmpty() || !calls.isEmpty()) {
      return ContentStatus.CAPTURED;
    }
    if (flags.contains(ContentFlag.INPUT_REDACTED) || flags.contains(ContentFlag.OUTPUT_REDACTED)) {
      return ContentStatus.REDACTED;
    }
    return ContentStatus.NOT_CAPTURED;
  }
}
