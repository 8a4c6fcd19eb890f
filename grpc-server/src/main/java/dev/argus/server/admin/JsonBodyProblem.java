package dev.argus.server.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.argus.server.otlp.JsonProblems;

/**
 * Words what is wrong with a request body in our own terms. The parser's messages quote the
 * offending token, which may be personal data, and name parser internals that mean nothing to a
 * caller, so neither is passed on; only the kind of problem, its line and column, and the kind of a
 * bad value.
 */
final class JsonBodyProblem {
  // Jackson's wording for StreamReadFeature.STRICT_DUPLICATE_DETECTION, followed by the name.
  private static final String DUPLICATE_FIELD = "Duplicate field '";

  private JsonBodyProblem() {}

  /** Returns whether {@code failure} is an object that gives one field name twice. */
  static boolean isDuplicateField(JsonProcessingException failure) {
    // The parser reports it as a plain parse error: only its message tells it apart.
    return failure instanceof JsonParseException
        && String.valueOf(failure.getOriginalMessage()).startsWith(DUPLICATE_FIELD);
  }

  /** Returns why {@code failure} happened while reading under {@code limits}, with its place. */
  static String describe(JsonProcessingException failure, StreamReadConstraints limits) {
    return reason(failure, limits) + place(failure.getLocation());
  }

  private static String reason(JsonProcessingException failure, StreamReadConstraints limits) {
    if (failure instanceof StreamConstraintsException) {
      return JsonProblems.exceededLimit(String.valueOf(failure.getOriginalMessage()), limits);
    }
    if (isDuplicateField(failure)) {
      return "a field name given more than once in one object";
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

  private static String place(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
