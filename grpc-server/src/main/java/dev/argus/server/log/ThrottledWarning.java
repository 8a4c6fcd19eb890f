package dev.argus.server.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a recurring problem at most once per interval, so that a failing downstream produces a few
 * lines rather than one per request, and without losing what it leaves out.
 *
 * <p>The first occurrence is logged at once. Later ones within the interval are tallied by their
 * message, each with its own count (and item count, where the caller gives one), and written as a
 * summary when the interval has passed: by the next occurrence, or by a timer when none comes, so
 * the end of a burst is never left unreported, and a refused connection is never counted under a
 * timeout's message. A message may come with a detail that differs from one occurrence to the next
 * (a timeout's exact duration, a downstream's own words): it does not split the tally, and the
 * summary gives the latest one. At most {@value #MAX_MESSAGES} distinct messages are tallied per
 * interval; further ones are counted together. Thread-safe.
 *
 * <p>One clock decides both when an occurrence is logged and when the timer's summary is due, so a
 * test that moves its own clock sees only the lines its calls cause.
 */
public final class ThrottledWarning {
  static final int MAX_MESSAGES = 8;
  static final String OTHER_MESSAGES = "(other messages)";

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "argus-throttled-warnings");
            thread.setDaemon(true);
            return thread;
          });
  // Warnings holding tallies not yet written, for flushAll at shutdown. The process runs one
  // server, so process-wide is the server's own scope.
  private static final Set<ThrottledWarning> PENDING = ConcurrentHashMap.newKeySet();

  private final Logger logger;
  private final Level level;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private boolean loggedOnce;
  private long lastLoggedNanos;
  private boolean flushScheduled;

  /** Occurrences of one message since the last line; {@code items} is -1 when not counted. */
  private static final class Tally {
    long occurrences;
    long items = -1;
    String detail;

    void add(long count, String latestDetail) {
      occurrences++;
      if (count >= 0) {
        items = Math.max(items, 0) + count;
      }
      detail = latestDetail;
    }
  }

  /**
   * Creates a warning logged on {@code logger} at {@code level} at most once per {@code interval},
   * timed by {@code nanoClock}.
   */
  public ThrottledWarning(Logger logger, Level level, Duration interval, LongSupplier nanoClock) {
    this.logger = logger;
    this.level = level;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Records one occurrence of {@code message} and logs it with the tallies since the last line when
   * the interval has passed; {@code cause}, when not null, is logged with it.
   */
  public void warn(String message, Throwable cause) {
    warn(message, null, -1, cause);
  }

  /**
   * Records one occurrence of {@code message} concerning {@code items} items, as {@link
   * #warn(String, Throwable)} does; the lines then give the items too.
   */
  public void warn(String message, long items, Throwable cause) {
    warn(message, null, Math.max(0, items), cause);
  }

  /**
   * Records one occurrence of {@code message} as above, tallied by {@code message} alone; {@code
   * detail} (may be null) is written after the message, the latest one on a summary line, and
   * {@code items} is not counted when negative.
   */
  public void warn(String message, String detail, long items, Throwable cause) {
    List<String> lines;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      tally(message).add(items, detail);
      long wait = intervalNanos - (now - lastLoggedNanos);
      if (loggedOnce && wait > 0) {
        scheduleFlush(wait);
        return;
      }
      lines = drain(now);
    }
    // The cause belongs to this occurrence: it goes with the last line, this message's.
    for (int i = 0; i < lines.size() - 1; i++) {
      logger.log(level, lines.get(i));
    }
    logger.log(level, lines.get(lines.size() - 1), cause);
  }

  /** Writes the tallies not written yet, if any. */
  public void flush() {
    List<String> lines;
    synchronized (this) {
      PENDING.remove(this);
      if (tallies.isEmpty()) {
        return;
      }
      lines = drain(nanoClock.getAsLong());
    }
    lines.forEach(line -> logger.log(level, line));
  }

  /** Writes the pending tallies of every warning: called at shutdown, before the log closes. */
  public static void flushAll() {
    for (ThrottledWarning warning : List.copyOf(PENDING)) {
      warning.flush();
    }
  }

  // Run by the timer: writes the tallies once a whole interval has passed since the last line.
  private void flushWhenDue() {
    synchronized (this) {
      flushScheduled = false;
      if (tallies.isEmpty()) {
        return;
      }
      long wait = intervalNanos - (nanoClock.getAsLong() - lastLoggedNanos);
      if (wait > 0) {
        scheduleFlush(wait);
        return;
      }
    }
    flush();
  }

  // Called with the lock held.
  private void scheduleFlush(long delayNanos) {
    PENDING.add(this);
    if (!flushScheduled) {
      flushScheduled = true;
      TIMER.schedule(this::flushWhenDue, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  // Called with the lock held. A message tallied again moves to the end, so the message just
  // recorded is always the last line.
  private Tally tally(String message) {
    Tally tally = tallies.remove(message);
    if (tally == null && tallies.size() >= MAX_MESSAGES) {
      // Full: a new message joins the others left out.
      message = OTHER_MESSAGES;
      tally = tallies.remove(OTHER_MESSAGES);
    }
    if (tally == null) {
      tally = new Tally();
    }
    tallies.put(message, tally);
    return tally;
  }

  // Called with the lock held: the lines of every tally, least recently seen message first.
  private List<String> drain(long now) {
    List<String> lines = new ArrayList<>(tallies.size());
    tallies.forEach(
        (message, tally) ->
            lines.add(
                message
                    // The others left out share no detail.
                    + (tally.detail != null && !message.equals(OTHER_MESSAGES)
                        ? " " + tally.detail
                        : "")
                    + " occurrences="
                    + tally.occurrences
                    + (tally.items >= 0 ? " items=" + tally.items : "")));
    tallies.clear();
    loggedOnce = true;
    lastLoggedNanos = now;
    return lines;
  }
}
