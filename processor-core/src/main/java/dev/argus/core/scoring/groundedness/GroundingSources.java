package dev.argus.core.scoring.groundedness;

import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the text a completion should be grounded in: retrieved documents when the producer recorded
 * them, else tool results in the input history, else a {@code Context:} block in the system
 * instructions or the prompt.
 */
public final class GroundingSources {

  private static final String MARKER = "context:";

  private GroundingSources() {}

  /** Returns the grounding texts of {@code call}; blank documents are left out. */
  public static List<String> of(GenAiCall call) {
    List<String> texts = new ArrayList<>();
    for (RetrievedDocument document : call.retrievedContext()) {
      addIfNotBlank(texts, document.content());
    }
    if (!texts.isEmpty()) {
      return texts;
    }
    for (ChatMessage message : call.inputMessages()) {
      if ("tool".equals(message.role())) {
        addIfNotBlank(texts, message.text());
      }
    }
    if (!texts.isEmpty()) {
      return texts;
    }
    addIfNotBlank(texts, contextBlock(call.systemInstructions()));
    for (ChatMessage message : call.inputMessages()) {
      if ("system".equals(message.role())) {
        addIfNotBlank(texts, contextBlock(message.text()));
      }
    }
    if (texts.isEmpty()) {
      addIfNotBlank(texts, contextBlock(call.prompt()));
    }
    return texts;
  }

  /**
   * Returns the text after a line that starts with {@code Context:}, up to a line that starts a
   * question, or the empty string when there is no such block.
   */
  static String contextBlock(String text) {
    int at = indexOfLineStart(text, MARKER);
    if (at < 0) {
      return "";
    }
    int start = at + MARKER.length();
    int end = indexOfLineStart(text.substring(start), "question:");
    return end < 0 ? text.substring(start).strip() : text.substring(start, start + end).strip();
  }

  private static int indexOfLineStart(String text, String lowerPrefix) {
    int length = text.length();
    int n = lowerPrefix.length();
    for (int i = 0; i + n <= length; i++) {
      if ((i == 0 || text.charAt(i - 1) == '\n')
          && text.regionMatches(true, i, lowerPrefix, 0, n)) {
        return i;
      }
    }
    return -1;
  }

  private static void addIfNotBlank(List<String> texts, String text) {
    if (text != null && !text.isBlank()) {
      texts.add(text);
    }
  }
}
