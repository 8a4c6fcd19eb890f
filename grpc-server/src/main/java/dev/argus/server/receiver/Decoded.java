package dev.argus.server.receiver;

import com.google.protobuf.Message;
import java.util.List;
import java.util.Objects;

/**
 * An OTLP export request as decoded by {@link OtlpRequestDecoder}: the items that could be read,
 * and what was wrong with the ones that could not.
 *
 * @param request the request holding every accepted item; empty envelopes are dropped
 * @param acceptedItems number of spans or log records in {@code request}
 * @param rejectedItems number of spans or log records left out because they were malformed
 * @param problems one line per rejected item (at most {@link #MAX_PROBLEMS}), naming its position
 *     and what was wrong
 * @param repairedValues number of string values whose invalid UTF-8 or lone UTF-16 surrogates were
 *     replaced by U+FFFD
 * @param <R> the request type
 */
public record Decoded<R extends Message>(
    R request, int acceptedItems, int rejectedItems, List<String> problems, int repairedValues) {

  /** Most problems kept for the response message; the rest are only counted. */
  public static final int MAX_PROBLEMS = 5;

  /** Validates and copies the components. */
  public Decoded {
    Objects.requireNonNull(request, "request");
    problems = List.copyOf(problems);
  }

  /** Returns the partial-success message: the problems, then how many more there were. */
  public String errorMessage() {
    if (rejectedItems == 0) {
      return "";
    }
    String message = String.join("; ", problems);
    int unnamed = rejectedItems - problems.size();
    return unnamed > 0 ? message + "; and " + unnamed + " more" : message;
  }
}
