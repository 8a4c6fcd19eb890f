package dev.argus.server.log;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counts the failures of one kind of work since it last succeeded. On the first success after them
 * it writes what their {@link ThrottledWarning} held back, then a line saying the work succeeds
 * again, so the end of the log never shows an outage that has passed. Thread-safe; a success with
 * no failure before it costs one read.
 */
public final class FailureStreak {
  private final Logger logger;
  private final ThrottledWarning warning;
  private final String what;
  private final String failures;
  private final AtomicLong count = new AtomicLong();

  /**
   * Creates a streak whose recovery line reads "{@code what} succeeds again after N {@code
   * failures}", for example "export to otlp host:4317" and "failed requests".
   */
  public FailureStreak(Logger logger, ThrottledWarning warning, String what, String failures) {
    this.logger = logger;
    this.warning = warning;
    this.what = what;
    this.failures = failures;
  }

  /** Records one failure. */
  public void failed() {
    count.incrementAndGet();
  }

  /** Records a success, ending the streak of failures before it, if any. */
  public void succeeded() {
    if (count.get() == 0) {
      return;
    }
    long failed = count.getAndSet(0);
    if (failed > 0) {
      warning.flush();
      logger.info(what + " succeeds again after " + failed + " " + failures);
    }
  }
}
