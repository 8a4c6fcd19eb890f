package dev.argus.core.enrich;

import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * The longest text the scorers look at: each text of a call (system instructions, every input
 * message, prompt, every retrieved document, completion, reasoning, every tool call's arguments) is
 * cut to at most {@link #maxChars()} UTF-16 chars before scoring, so one oversized attribute cannot
 * make scoring slow. Only the copy given to the scorers is cut; the span is forwarded with its
 * attributes as they came.
 *
 * @param maxChars the limit per text in UTF-16 chars; 0 means no limit
 */
public record ScanLimit(int maxChars) {

  /** Default limit: 64 Ki chars per text, far above any answer worth reading in one go. */
  public static final int DEFAULT_MAX_CHARS = 64 * 1024;

  /** The default limit. */
  public static final ScanLimit DEFAULT = new ScanLimit(DEFAULT_MAX_CHARS);

  /** No limit: every text is scanned whole. */
  public static final ScanLimit NONE = new ScanLimit(0);

  /** Validates the limit. */
  public ScanLimit {
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: >= 0)");
    }
  }

  /**
   * What the scorers get to see of a call.
   *
   * @param call the call with every text cut to the limit; the very input instance when nothing was
   *     cut
   * @param scannedChars chars of text the scorers see
   * @param totalChars chars of text the call carries
   */
  public record Limited(GenAiCall call, long scannedChars, long totalChars) {
    /** Returns true when some text was cut. */
    public boolean truncated() {
      return scannedChars < totalChars;
    }
  }

  /** Returns {@code call} with every text cut to the limit, and how much was cut. */
  public Limited apply(GenAiCall call) {
    if (maxChars == 0 || !exceeds(call)) {
      // The common case: nothing is copied and the counts are not needed.
      return new Limited(call, 0, 0);
    }
    Counter counter = new Counter();
    List<ChatMessage> messages = new ArrayList<>(call.inputMessages().size());
    for (ChatMessage message : call.inputMessages()) {
      messages.add(
          new ChatMessage(
              message.role(),
              counter.cut(message.text()),
              cut(message.toolCalls(), counter),
              message.toolCallId(),
              counter.cut(message.reasoning()),
              message.attachments()));
    }
    List<RetrievedDocument> documents = new ArrayList<>(call.retrievedContext().size());
    for (RetrievedDocument document : call.retrievedContext()) {
      documents.add(
          new RetrievedDocument(
              document.id(), document.score(), counter.cut(document.content()), document.source()));
    }
    GenAiCall limited =
        call.toBuilder()
            .setSystemInstructions(counter.cut(call.systemInstructions()))
            .setInputMessages(messages)
            .setPrompt(counter.cut(call.prompt()))
            .setRetrievedContext(documents)
            .setCompletion(counter.cut(call.completion()))
            .setToolCalls(cut(call.toolCalls(), counter))
            .setReasoning(counter.cut(call.reasoning()))
            .build();
    return new Limited(limited, counter.scanned, counter.total);
  }

  private boolean exceeds(GenAiCall call) {
    if (over(call.systemInstructions())
        || over(call.prompt())
        || over(call.completion())
        || over(call.reasoning())
        || anyOver(call.toolCalls())) {
      return true;
    }
    for (ChatMessage message : call.inputMessages()) {
      if (over(message.text()) || over(message.reasoning()) || anyOver(message.toolCalls())) {
        return true;
      }
    }
    for (RetrievedDocument document : call.retrievedContext()) {
      if (over(document.content())) {
        return true;
      }
    }
    return false;
  }

  private boolean anyOver(List<ToolCall> toolCalls) {
    for (ToolCall toolCall : toolCalls) {
      if (over(toolCall.arguments())) {
        return true;
      }
    }
    return false;
  }

  private boolean over(String text) {
    return text != null && text.length() > maxChars;
  }

  private List<ToolCall> cut(List<ToolCall> toolCalls, Counter counter) {
    List<ToolCall> out = new ArrayList<>(toolCalls.size());
    for (ToolCall toolCall : toolCalls) {
      String arguments = toolCall.arguments();
      out.add(
          arguments == null
              ? toolCall
              : new ToolCall(toolCall.id(), toolCall.name(), counter.cut(arguments)));
    }
    return out;
  }

  /**
   * Returns the first {@code maxChars} chars of {@code text}, one fewer when the last of them would
   * be the first half of a surrogate pair, so no code point is split.
   */
  static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Cuts texts and adds up their lengths before and after. */
  private final class Counter {
    long scanned;
    long total;

    String cut(String text) {
      String out = truncate(text, maxChars);
      total += text.length();
      scanned += out.length();
      return out;
    }
  }
}
