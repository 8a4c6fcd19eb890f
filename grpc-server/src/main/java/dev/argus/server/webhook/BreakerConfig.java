package dev.argus.server.webhook;

import dev.argus.server.config.Durations;
import java.time.Duration;

/**
 * When to pause a subscriber that keeps failing.
 *
 * @param failureThreshold consecutive failed attempts that open the breaker (default 5)
 * @param openDuration how long an open breaker pauses the subscriber before one probe attempt
 *     (default 30s)
 */
public record BreakerConfig(int failureThreshold, Duration openDuration) {

  /** The defaults listed on the components. */
  public static final BreakerConfig DEFAULT = new BreakerConfig(5, Duration.ofSeconds(30));

  /** Validates the components. */
  public BreakerConfig {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException(
          "circuit_breaker.failure_threshold: " + failureThreshold + " (expected: >= 1)");
    }
    if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException(
          "circuit_breaker.open_duration: "
              + Durations.describe(openDuration)
              + " (expected: > 0)");
    }
  }
}
