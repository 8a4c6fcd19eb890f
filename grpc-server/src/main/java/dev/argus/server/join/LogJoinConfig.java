package dev.argus.server.join;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the join between gen-AI spans and the log records that carry their content.
 *
 * @param holdWindow how long a gen-AI span without content waits for its records
 * @param maxHeldBytes most bytes of spans held at once; beyond it the oldest are released early
 * @param recordWindow how long records that arrived before their span are kept for it
 * @param maxRecordBytes most bytes of such records kept at once
 */
public record LogJoinConfig(
    Duration holdWindow, long maxHeldBytes, Duration recordWindow, long maxRecordBytes) {

  /** Default hold window: 2 seconds. */
  public static final Duration DEFAULT_HOLD_WINDOW = Duration.ofSeconds(2);

  /** Default record window: 30 seconds, longer than the usual 5 s span batch delay of SDKs. */
  public static final Duration DEFAULT_RECORD_WINDOW = Duration.ofSeconds(30);

  /** Default memory for held spans and for early records: 64 MiB each. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  /** Validates the components. */
  public LogJoinConfig {
    Objects.requireNonNull(holdWindow, "holdWindow");
    Objects.requireNonNull(recordWindow, "recordWindow");
    if (holdWindow.isNegative()) {
      throw new IllegalArgumentException("holdWindow: " + holdWindow + " (expected: >= 0)");
    }
    if (recordWindow.isNegative()) {
      throw new IllegalArgumentException("recordWindow: " + recordWindow + " (expected: >= 0)");
    }
    if (maxHeldBytes <= 0 || maxRecordBytes <= 0) {
      throw new IllegalArgumentException(
          "maxHeldBytes, maxRecordBytes: " + maxHeldBytes + ", " + maxRecordBytes
              + " (expected: > 0)");
    }
  }

  /** Returns the defaults. */
  public static LogJoinConfig defaults() {
    return new LogJoinConfig(
        DEFAULT_HOLD_WINDOW, DEFAULT_MAX_BYTES, DEFAULT_RECORD_WINDOW, DEFAULT_MAX_BYTES);
  }
}
