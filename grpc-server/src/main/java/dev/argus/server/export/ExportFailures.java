package dev.argus.server.export;

import dev.argus.server.log.ThrottledWarning;

/** Tells a failed export from a bug, and writes either to a throttled warning. */
public final class ExportFailures {

  private ExportFailures() {}

  /**
   * Returns the {@link ExportException} behind {@code failure}, past the wrappers of futures, or
   * null when the failure is something else.
   */
  public static ExportException exportException(Throwable failure) {
    return RetryPolicy.unwrap(failure) instanceof ExportException export ? export : null;
  }

  /**
   * Records {@code failure} on {@code warning} under {@code message}, about {@code items} items
   * (not counted when negative). A downstream that is down, slow or refusing is an expected
   * condition: its code and error join the message, its full description is the detail, and a stack
   * trace would bury them. Anything else is a bug, counted by its class and logged with the stack
   * trace a report needs.
   */
  public static void warn(ThrottledWarning warning, String message, long items, Throwable failure) {
    Throwable cause = RetryPolicy.unwrap(failure);
    if (cause instanceof ExportException export) {
      warning.warn(message + " " + export.logFields(), export.logDetail(), items, null);
    } else {
      warning.warn(message + ": " + cause.getClass().getName(), null, items, cause);
    }
  }
}
