package dev.argus.server.otlp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * Words a JSON parse failure for a person: the parser's reason and where it happened, by line and
 * column, without the parser's description of its input source.
 */
public final class JsonProblems {
  // Jackson quotes locations as "[Source: <description>; line: L, column: C]", also inside its
  // own reason (the start marker of an unclosed object, for instance).
  private static final Pattern SOURCE_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private JsonProblems() {}

  /** Returns the reason of {@code failure} followed by its line and column, when known. */
  public static String describe(JsonProcessingException failure) {
    String reason = failure.getOriginalMessage();
    reason = reason == null ? "unreadable JSON" : clean(reason);
    JsonLocation location = failure.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return reason;
    }
    return reason + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** Returns {@code message} with every quoted Jackson location cut down to its line and column. */
  static String clean(String message) {
    return SOURCE_LOCATION.matcher(message).replaceAll("line $1, column $2");
  }
}
