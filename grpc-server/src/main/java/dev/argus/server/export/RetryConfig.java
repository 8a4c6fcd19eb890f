package dev.argus.server.export;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code retry_on_failure}: exponential backoff with jitter between attempts.
 *
 * @param enabled false to make every failure final after one attempt
 * @param initialInterval wait after the first failure
 * @param maxInterval longest wait between two attempts, unless the downstream asks for more
 * @param maxElapsedTime how long one request is retried before it is dropped and counted; zero
 *     retries for ever
 * @param multiplier growth of the wait from one attempt to the next
 * @param randomizationFactor jitter: each wait is drawn uniformly from {@code interval * (1 ± f)}
 */
public record RetryConfig(
    boolean enabled,
    Duration initialInterval,
    Duration maxInterval,
    Duration maxElapsedTime,
    double multiplier,
    double randomizationFactor) {

  /** Default {@code initial_interval}: 5 s, as in the Collector. */
  public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(5);

  /** Default {@code max_interval}: 30 s, as in the Collector. */
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);

  /** Default {@code max_elapsed_time}: 5 min, as in the Collector. */
  public static final Duration DEFAULT_MAX_ELAPSED_TIME = Duration.ofMinutes(5);

  /** Default multiplier: 1.5. */
  public static final double DEFAULT_MULTIPLIER = 1.5;

  /** Default randomization factor: 0.5. */
  public static final double DEFAULT_RANDOMIZATION_FACTOR = 0.5;

  /** The defaults. */
  public static final RetryConfig DEFAULT =
      new RetryConfig(
          true,
          DEFAULT_INITIAL_INTERVAL,
          DEFAULT_MAX_INTERVAL,
          DEFAULT_MAX_ELAPSED_TIME,
          DEFAULT_MULTIPLIER,
          DEFAULT_RANDOMIZATION_FACTOR);

  /** Validates the components. */
  public RetryConfig {
    Objects.requireNonNull(initialInterval, "initialInterval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    Objects.requireNonNull(maxElapsedTime, "maxElapsedTime");
    if (initialInterval.isNegative() || initialInterval.isZero()) {
      throw new IllegalArgumentException(
          "retry_on_failure.initial_interval: " + initialInterval + " (expected: > 0)");
    }
    if (maxInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException(
          "retry_on_failure.max_interval: "
              + maxInterval
              + " (expected: >= initial_interval "
              + initialInterval
              + ")");
    }
    if (maxElapsedTime.isNegative()) {
      throw new IllegalArgumentException(
          "retry_on_failure.max_elapsed_time: " + maxElapsedTime + " (expected: >= 0)");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1)");
    }
    if (!(randomizationFactor >= 0.0 && randomizationFactor < 1.0)) {
      throw new IllegalArgumentException(
          "randomization_factor: " + randomizationFactor + " (expected: 0 <= f < 1)");
    }
  }

  /** Returns a copy with the given intervals, keeping the other settings. */
  public RetryConfig withIntervals(Duration initial, Duration max, Duration maxElapsed) {
    return new RetryConfig(enabled, initial, max, maxElapsed, multiplier, randomizationFactor);
  }
}
