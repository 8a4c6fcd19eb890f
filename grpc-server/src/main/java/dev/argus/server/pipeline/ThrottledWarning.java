package dev.argus.server.pipeline;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a recurring problem at WARNING at most once per interval, with the number of occurrences
 * since the last line, so that a failing downstream produces a few lines rather than one per
 * request. Thread-safe.
 */
public final class ThrottledWarning {
  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long lastLoggedNanos;
  private boolean loggedOnce;
  private long suppressed;

  /** Creates a warning logged on {@code logger} at most once per {@code interval}. */
  public ThrottledWarning(Logger logger, Duration interval, LongSupplier nanoClock) {
    this.logger = logger;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Records one occurrence and logs {@code message} when the interval has passed. */
  public void warn(String message, Throwable cause) {
    long count;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      suppressed++;
      if (loggedOnce && now - lastLoggedNanos < intervalNanos) {
        return;
      }
      loggedOnce = true;
      lastLoggedNanos = now;
      count = suppressed;
      suppressed = 0;
    }
    logger.log(Level.WARNING, message + " occurrences=" + count, cause);
  }
}
