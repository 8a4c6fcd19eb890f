package dev.argus.server.otlp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.regex.Pattern;

/**
 * Words a JSON parse failure for a person: the parser's reason and where it happened, by line and
 * column, without the parser's description of its input source. A limit of the reader is named in
 * our own words, with its value, rather than by the parser's configuration method.
 */
public final class JsonProblems {
  // Jackson quotes locations as "[Source: <description>; line: L, column: C]", also inside its
  // own reason (the start marker of an unclosed object, for instance).
  private static final Pattern SOURCE_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
  // Jackson's advice to its own users, such as "enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS
  // to allow": a sender cannot act on it.
  private static final Pattern READER_ADVICE =
      Pattern.compile(":? *\\(?(?:enable|disable) `?[A-Za-z]+Feature\\.[A-Z_]+`? to allow\\)?");

  private JsonProblems() {}

  /** Returns the reason of {@code failure} followed by its line and column, when known. */
  public static String describe(JsonProcessingException failure) {
    return describe(failure, StreamReadConstraints.defaults());
  }

  /**
   * Returns the reason of {@code failure}, read under {@code limits}, followed by its line and
   * column, when known.
   */
  public static String describe(JsonProcessingException failure, StreamReadConstraints limits) {
    String reason = failure.getOriginalMessage();
    if (failure instanceof StreamConstraintsException) {
      reason = exceededLimit(String.valueOf(reason), limits);
    } else {
      reason = reason == null ? "unreadable JSON" : clean(reason);
    }
    JsonLocation location = failure.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return reason;
    }
    return reason + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** Returns the kind of {@code value} in words, such as "a number" or "an object". */
  public static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
        // VerbatimNumbersJson keeps numbers as raw text.
      case POJO -> isRawNumber(value) ? "a number" : "an unsupported value";
      default -> "an unsupported value";
    };
  }

  private static boolean isRawNumber(JsonNode value) {
    return value instanceof POJONode pojo && pojo.getPojo() instanceof RawValue;
  }

  /**
   * Returns which of {@code limits} the reader's {@code message} says was exceeded, such as "nests
   * deeper than 1000 levels".
   */
  public static String exceededLimit(String message, StreamReadConstraints limits) {
    // Jackson names the exceeded constraint only in its message; matched by its opening words.
    if (message.startsWith("Document nesting depth")) {
      return "nests deeper than " + limits.getMaxNestingDepth() + " levels";
    }
    if (message.startsWith("String value length")) {
      return "holds a string longer than " + limits.getMaxStringLength() + " characters";
    }
    if (message.startsWith("Number value length")) {
      return "holds a number longer than " + limits.getMaxNumberLength() + " digits";
    }
    if (message.startsWith("Name length")) {
      return "holds a field name longer than " + limits.getMaxNameLength() + " characters";
    }
    return "exceeds a limit of the JSON reader";
  }

  /**
   * Returns {@code message} with every quoted Jackson location cut down to its line and column, and
   * without Jackson's advice about its own settings.
   */
  static String clean(String message) {
    String located = SOURCE_LOCATION.matcher(message).replaceAll("line $1, column $2");
    return READER_ADVICE.matcher(located).replaceAll("");
  }
}
