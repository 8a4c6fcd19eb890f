package dev.argus.server.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/** Computes the wait before the next delivery attempt. Thread-safe if the random source is. */
final class Backoff {

  private final RetryConfig config;
  private final RandomGenerator random;

  Backoff(RetryConfig config, RandomGenerator random) {
    this.config = config;
    this.random = random;
  }

  /**
   * Returns the delay after failed attempt number {@code attempt} (1-based): exponential growth
   * capped at {@code max_interval}, jittered, and never shorter than the server's {@code
   * retryAfter} when it sent one.
   */
  Duration delay(int attempt, Duration retryAfter) {
    double base =
        config.initialInterval().toMillis()
            * Math.pow(config.multiplier(), Math.max(0, attempt - 1));
    base = Math.min(base, config.maxInterval().toMillis());
    double factor = config.randomizationFactor();
    double jittered = base * (1 - factor + 2 * factor * random.nextDouble());
    Duration delay = Duration.ofMillis(Math.round(jittered));
    return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
  }

  /**
   * Returns the delay a {@code Retry-After} header asks for: delta-seconds or an HTTP-date relative
   * to {@code now}; null when absent or unreadable.
   */
  static Duration parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(now, at);
        return delay.isNegative() ? Duration.ZERO : delay;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
