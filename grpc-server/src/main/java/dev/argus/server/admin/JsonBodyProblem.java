package dev.argus.server.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * Words what is wrong with a request body in our own terms. The parser's messages quote the
 * offending token, which may be personal data, and name parser internals that mean nothing to a
 * caller, so neither is passed on; only the kind of problem, its line and column, and the kind of
 * a bad value.
 */
final class JsonBodyProblem {
  private JsonBodyProblem() {}

  /** Returns why {@code failure} happened while reading under {@code limits}, with its place. */
  static String describe(JsonProcessingException failure, StreamReadConstraints limits) {
    return reason(failure, limits) + place(failure.getLocation());
  }

  /** Returns the kind of value of {@code type}, such as "a number" or "an object". */
  static String kind(JsonNodeType type) {
    return switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> "an unsupported value";
    };
  }

  private static String reason(JsonProcessingException failure, StreamReadConstraints limits) {
    if (failure instanceof StreamConstraintsException) {
      return limit(String.valueOf(failure.getOriginalMessage()), limits);
    }
    if (failure instanceof JsonEOFException) {
      return "not valid JSON: the body ends inside a value";
    }
    // Reading a tree, the only mismatch left is FAIL_ON_TRAILING_TOKENS.
    if (failure instanceof MismatchedInputException) {
      return "not valid JSON: more than one value";
    }
    return "not valid JSON";
  }

  // Jackson names the exceeded constraint only in its message; matched by its opening words.
  private static String limit(String message, StreamReadConstraints limits) {
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

  private static String place(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
