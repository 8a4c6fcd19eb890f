package dev.argus.server.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pauses one subscriber after consecutive failures. Closed: attempts go ahead. Open: no attempt
 * until {@code open_duration} has passed. Then one probe attempt decides: success closes, failure
 * opens again. Used by the subscriber's own delivery thread only.
 */
final class CircuitBreaker {

  private final BreakerConfig config;
  private final Clock clock;
  private int consecutiveFailures;
  private Instant openUntil;

  CircuitBreaker(BreakerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Returns how long to wait before the next attempt is allowed; zero when closed. */
  Duration remainingOpen() {
    if (openUntil == null) {
      return Duration.ZERO;
    }
    Duration remaining = Duration.between(clock.instant(), openUntil);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  /** Returns true when the breaker is open (the subscriber is paused or being probed). */
  boolean isOpen() {
    return openUntil != null;
  }

  /** Records a successful attempt; returns true when this closed an open breaker. */
  boolean onSuccess() {
    boolean wasOpen = openUntil != null;
    consecutiveFailures = 0;
    openUntil = null;
    return wasOpen;
  }

  /** Records a failed attempt; returns true when this opened a closed breaker. */
  boolean onFailure() {
    consecutiveFailures++;
    boolean wasOpen = openUntil != null;
    if (wasOpen || consecutiveFailures >= config.failureThreshold()) {
      openUntil = clock.instant().plus(config.openDuration());
    }
    return !wasOpen && openUntil != null;
  }
}
