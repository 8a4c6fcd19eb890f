package dev.argus.server.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code sending_queue}.
 *
 * @param enabled false for synchronous forwarding: a request is acknowledged upstream only after
 *     the downstream acknowledged it
 * @param queueSize most requests held at once (queued or being sent); more are refused retryably
 * @param numConsumers requests sent concurrently
 * @param storage directory of the write-ahead log, or null to keep the queue in memory
 * @param fsync true to force each request to the device before acknowledging it
 * @param maxStorageBytes largest size of the write-ahead log; more requests are refused retryably
 * @param segmentBytes size after which the write-ahead log starts a new segment file
 * @param drainTimeout how long shutdown keeps sending queued requests
 */
public record SendingQueueConfig(
    boolean enabled,
    int queueSize,
    int numConsumers,
    Path storage,
    boolean fsync,
    long maxStorageBytes,
    long segmentBytes,
    Duration drainTimeout) {

  /** Default {@code queue_size}: 1000 requests, as in the Collector. */
  public static final int DEFAULT_QUEUE_SIZE = 1000;

  /** Default {@code num_consumers}: 10, as in the Collector. */
  public static final int DEFAULT_NUM_CONSUMERS = 10;

  /** Default {@code max_storage_size_mib}: 1024. */
  public static final long DEFAULT_MAX_STORAGE_BYTES = 1024L * 1024 * 1024;

  /** Default segment size: 16 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;

  /** Default {@code drain_timeout}: 10 s. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /** Synchronous forwarding, the default: see the README section "Delivery guarantees". */
  public static final SendingQueueConfig SYNC =
      new SendingQueueConfig(
          false,
          DEFAULT_QUEUE_SIZE,
          DEFAULT_NUM_CONSUMERS,
          null,
          true,
          DEFAULT_MAX_STORAGE_BYTES,
          DEFAULT_SEGMENT_BYTES,
          DEFAULT_DRAIN_TIMEOUT);

  /** Validates the components. */
  public SendingQueueConfig {
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (queueSize <= 0) {
      throw new IllegalArgumentException(
          "sending_queue.queue_size: " + queueSize + " (expected: > 0)");
    }
    if (numConsumers <= 0) {
      throw new IllegalArgumentException(
          "sending_queue.num_consumers: " + numConsumers + " (expected: > 0)");
    }
    if (maxStorageBytes <= 0 || segmentBytes <= 0) {
      throw new IllegalArgumentException(
          "sending_queue storage sizes: "
              + maxStorageBytes
              + ", "
              + segmentBytes
              + " (expected: > 0)");
    }
  }

  /**
   * Returns a copy whose write-ahead log lives in subfolder {@code name} of the storage folder, so
   * that traces and logs keep separate logs; unchanged for a memory queue.
   */
  public SendingQueueConfig forSignal(String name) {
    if (storage == null) {
      return this;
    }
    return new SendingQueueConfig(
        enabled,
        queueSize,
        numConsumers,
        storage.resolve(name),
        fsync,
        maxStorageBytes,
        segmentBytes,
        drainTimeout);
  }

  /** Returns true when requests are kept in a write-ahead log on disk. */
  public boolean persistent() {
    return enabled && storage != null;
  }

  /** Returns {@code sync}, {@code memory} or {@code persistent}. */
  public String mode() {
    return !enabled ? "sync" : storage == null ? "memory" : "persistent";
  }
}
