package dev.argus.server.webhook;

import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import java.util.List;

/**
 * Estimates the heap a gen-AI call holds through its text, so queues of calls can be bounded in
 * bytes: two bytes per character (the worst case of a Java string) plus a fixed overhead for the
 * call's other fields. Linear in the number of parts, never in the text.
 */
final class CallWeight {

  /** The fields other than text, the lists and the candidate around the call. */
  static final long OVERHEAD_BYTES = 1_024;

  private CallWeight() {}

  /** Returns the estimated bytes {@code call} holds. */
  static long bytes(GenAiCall call) {
    long chars =
        length(call.systemInstructions())
            + length(call.prompt())
            + length(call.completion())
            + length(call.reasoning())
            + toolCalls(call.toolCalls());
    for (ChatMessage message : call.inputMessages()) {
      chars += length(message.text()) + length(message.reasoning());
      chars += toolCalls(message.toolCalls());
    }
    for (RetrievedDocument document : call.retrievedContext()) {
      chars += length(document.content());
    }
    return OVERHEAD_BYTES + 2 * chars;
  }

  private static long toolCalls(List<ToolCall> calls) {
    long chars = 0;
    for (ToolCall call : calls) {
      chars += length(call.arguments()) + length(call.name());
    }
    return chars;
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }
}
