package dev.argus.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.server.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {

  @Test
  void warn_logsFirstOccurrenceThenOncePerIntervalWithTheCount() {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);

    warning.warn("export failed", null);
    for (int i = 0; i < 5; i++) {
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      warning.warn("export failed", null);
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    warning.warn("export failed", null);

    assertEquals(
        List.of("export failed occurrences=1", "export failed occurrences=6"), lines.messages());
  }

  @Test
  void warn_talliesEachMessageApartAndGivesItems() {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);

    warning.warn("refused", 10, null);
    for (int i = 0; i < 64; i++) {
      warning.warn("refused", 10, null);
    }
    now.addAndGet(Duration.ofSeconds(61).toNanos());
    warning.warn("timed out", 5, null);

    assertEquals(
        List.of(
            "refused occurrences=1 items=10",
            "refused occurrences=64 items=640",
            "timed out occurrences=1 items=5"),
        lines.messages());
  }

  @Test
  void warn_countsOneMessageWhateverItsDetailAndGivesTheLatestDetail() {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);

    warning.warn("export failed code=DEADLINE_EXCEEDED", "detail=\"after 5.000912s\"", 100, null);
    warning.warn("export failed code=DEADLINE_EXCEEDED", "detail=\"after 5.001377s\"", 100, null);
    warning.warn("export failed code=DEADLINE_EXCEEDED", "detail=\"after 5.000208s\"", 100, null);
    warning.flush();

    assertEquals(
        List.of(
            "export failed code=DEADLINE_EXCEEDED detail=\"after 5.000912s\" occurrences=1"
                + " items=100",
            "export failed code=DEADLINE_EXCEEDED detail=\"after 5.000208s\" occurrences=2"
                + " items=200"),
        lines.messages());
  }

  @Test
  void flush_writesWhatTheIntervalHeldBackWithoutALaterOccurrence() {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);
    warning.warn("refused", null);
    warning.warn("refused", null);
    warning.warn("timed out", null);

    warning.flush();
    warning.flush();

    assertEquals(
        List.of("refused occurrences=1", "refused occurrences=1", "timed out occurrences=1"),
        lines.messages());
  }

  @Test
  void flushAll_writesThePendingTalliesOfEveryWarning() {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning first =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);
    ThrottledWarning second =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);
    first.warn("refused", null);
    first.warn("refused", null);
    second.warn("timed out", null);
    second.warn("timed out", 7, null);

    List<String> beforeFlush = lines.messages();

    ThrottledWarning.flushAll();

    assertEquals(List.of("refused occurrences=1", "timed out occurrences=1"), beforeFlush);
    List<String> written = lines.messages();
    assertEquals(4, written.size(), written.toString());
    // Warnings are flushed in no particular order.
    assertEquals(
        Set.of("refused occurrences=1", "timed out occurrences=1 items=7"),
        Set.copyOf(written.subList(2, 4)));
  }

  @Test
  void timer_writesTheHeldBackTalliesOnceTheIntervalHasPassed() throws Exception {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofMillis(300), System::nanoTime);

    warning.warn("refused", null);
    warning.warn("refused", null);
    warning.warn("refused", null);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (lines.messages().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertEquals(List.of("refused occurrences=1", "refused occurrences=2"), lines.messages());
  }

  @Test
  void warn_countsMessagesBeyondTheLimitTogether() {
    Logger logger = quietLogger();
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), now::get);
    warning.warn("first", null);

    for (int i = 0; i < ThrottledWarning.MAX_MESSAGES + 3; i++) {
      warning.warn("message " + i, null);
    }
    warning.flush();

    List<String> written = lines.messages();
    assertEquals(1 + ThrottledWarning.MAX_MESSAGES + 1, written.size(), written.toString());
    assertEquals(
        ThrottledWarning.OTHER_MESSAGES + " occurrences=3", written.get(written.size() - 1));
  }

  private static Logger quietLogger() {
    Logger logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    return logger;
  }
}
