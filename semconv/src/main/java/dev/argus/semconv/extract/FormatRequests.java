package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import java.util.regex.Pattern;

/**
 * Recognises an output format that the system instructions ask for in words. Most instrumentations
 * do not record the request's {@code response_format}, so "Reply with a single JSON object" in the
 * instructions is often the only trace of a JSON request. Only the system instructions are read:
 * they are the application's contract, while a user asking about JSON is not asking for it.
 */
final class FormatRequests {
  // An instruction verb followed within the same sentence by the word JSON. The gap is bounded,
  // so a scan costs at most a constant times the text length.
  private static final Pattern JSON_REQUEST =
      Pattern.compile(
          "\\b(?:reply|respond|answer|return|output|format|produce|emit|write|give)\\w*\\b"
              + "[^.!?\\n]{0,48}?\\bjson\\b",
          Pattern.CASE_INSENSITIVE);

  private FormatRequests() {}

  /**
   * Returns {@code call} with {@code requestedFormat} set to {@code json} when it has none and its
   * system instructions ask for JSON; otherwise {@code call} itself.
   */
  static GenAiCall withInferredFormat(GenAiCall call) {
    if (call.requestedFormat() != null || call.systemInstructions().isEmpty()) {
      return call;
    }
    String instructions = call.systemInstructions();
    if (!mentionsJson(instructions) || !JSON_REQUEST.matcher(instructions).find()) {
      return call;
    }
    return call.toBuilder().setRequestedFormat("json").build();
  }

  // The pattern needs the word "json". Instructions that carry a long context rarely contain it,
  // and finding it first is far cheaper than trying every verb of the pattern at every position.
  static boolean mentionsJson(String text) {
    return mentionsJson(text, 'j') || mentionsJson(text, 'J');
  }

  // String.indexOf skips to each candidate far faster than a loop over every character.
  private static boolean mentionsJson(String text, char first) {
    int last = text.length() - 4;
    for (int i = text.indexOf(first); i >= 0 && i <= last; i = text.indexOf(first, i + 1)) {
      if (text.regionMatches(true, i + 1, "son", 0, 3)) {
        return true;
      }
    }
    return false;
  }
}
