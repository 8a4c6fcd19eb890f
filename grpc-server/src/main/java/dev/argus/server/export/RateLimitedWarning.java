package dev.argus.server.export;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a recurring problem at most once per interval, with the number of occurrences and items
 * since the last line, so that a failing downstream produces a few lines rather than one per
 * request. Thread-safe.
 */
final class RateLimitedWarning {
  private final Logger logger;
  private final Level level;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private boolean loggedOnce;
  private long lastLoggedNanos;
  private long occurrences;
  private long items;

  RateLimitedWarning(Logger logger, Level level, Duration interval, LongSupplier nanoClock) {
    this.logger = logger;
    this.level = level;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Records one occurrence concerning {@code count} items and logs {@code message} (followed by
   * the totals) when the interval has passed. Returns true when a line was written.
   */
  boolean log(String message, long count, Throwable cause) {
    long occurrenceTotal;
    long itemTotal;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      occurrences++;
      items += count;
      if (loggedOnce && now - lastLoggedNanos < intervalNanos) {
        return false;
      }
      loggedOnce = true;
      lastLoggedNanos = now;
      occurrenceTotal = occurrences;
      itemTotal = items;
      occurrences = 0;
      items = 0;
    }
    logger.log(
        level, message + " occurrences=" + occurrenceTotal + " items=" + itemTotal, cause);
    return true;
  }
}
