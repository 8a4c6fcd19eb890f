package dev.argus.server.webhook;

import dev.argus.server.config.Durations;
import java.time.Duration;

/**
 * Exponential backoff for failed deliveries.
 *
 * @param initialInterval delay after the first failure (default 1s)
 * @param maxInterval upper bound of the computed delay (default 5m); a longer {@code Retry-After}
 *     from the subscriber still wins
 * @param multiplier growth factor per failure (default 2)
 * @param randomizationFactor jitter: the delay is drawn from {@code [d * (1 - f), d * (1 + f)]}
 *     (default 0.5)
 * @param maxElapsedTime how long after an event was created ARGUS keeps trying before it writes the
 *     delivery to the dead-letter file (default 24h)
 */
public record RetryConfig(
    Duration initialInterval,
    Duration maxInterval,
    double multiplier,
    double randomizationFactor,
    Duration maxElapsedTime) {

  /** The defaults listed on the components. */
  public static final RetryConfig DEFAULT =
      new RetryConfig(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.5, Duration.ofHours(24));

  /** Validates the components. */
  public RetryConfig {
    requirePositive(initialInterval, "initial_interval");
    requirePositive(maxInterval, "max_interval");
    requirePositive(maxElapsedTime, "max_elapsed_time");
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException(
          "retry_on_failure.multiplier: " + multiplier + " (expected: >= 1)");
    }
    if (!(randomizationFactor >= 0.0 && randomizationFactor < 1.0)) {
      throw new IllegalArgumentException(
          "retry_on_failure.randomization_factor: "
              + randomizationFactor
              + " (expected: 0 <= factor < 1)");
    }
  }

  private static void requirePositive(Duration duration, String key) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "retry_on_failure." + key + ": " + Durations.describe(duration) + " (expected: > 0)");
    }
  }
}
