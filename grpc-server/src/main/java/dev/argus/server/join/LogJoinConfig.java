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

  /** Most memory the defaults give held spans, and early records, each: 64 MiB. */
  public static final long MAX_DEFAULT_BYTES = 64L * 1024 * 1024;

  // The bounds count serialised bytes, and a parsed message takes two to three times that on the
  // heap, so two full buffers of a sixteenth each stay well inside the old generation.
  private static final int HEAP_SHARE = 16;

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
          "maxHeldBytes, maxRecordBytes: "
              + maxHeldBytes
              + ", "
              + maxRecordBytes
              + " (expected: > 0)");
    }
  }

  /**
   * Returns the default bound of each buffer for a heap of at most {@code maxHeapBytes}: a
   * sixteenth of it (16 MiB of the documented 256 MiB), at most {@link #MAX_DEFAULT_BYTES} and at
   * least 1 MiB.
   */
  public static long defaultMaxBytes(long maxHeapBytes) {
    long share = maxHeapBytes / HEAP_SHARE;
    return Math.max(1024L * 1024, Math.min(MAX_DEFAULT_BYTES, share));
  }

  /** Returns the defaults for the heap this JVM may grow to. */
  public static LogJoinConfig defaults() {
    long maxBytes = defaultMaxBytes(Runtime.getRuntime().maxMemory());
    return new LogJoinConfig(DEFAULT_HOLD_WINDOW, maxBytes, DEFAULT_RECORD_WINDOW, maxBytes);
  }
}
