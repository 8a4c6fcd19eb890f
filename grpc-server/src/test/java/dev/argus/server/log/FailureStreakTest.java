package dev.argus.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.server.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class FailureStreakTest {

  @Test
  void firstSuccessAfterFailures_writesTheHeldBackTallyThenOneRecoveryLine() {
    Logger logger = Logger.getLogger("dev.argus.test.streak");
    logger.setUseParentHandlers(false);
    ThrottledWarning warning =
        new ThrottledWarning(logger, Level.WARNING, Duration.ofSeconds(60), new AtomicLong()::get);
    FailureStreak streak =
        new FailureStreak(logger, warning, "export to otlp x", "failed requests");

    try (LogCapture lines = new LogCapture(logger.getName(), Level.INFO)) {
      streak.succeeded();
      for (int i = 0; i < 3; i++) {
        warning.warn("export failed", null);
        streak.failed();
      }
      streak.succeeded();
      streak.succeeded();

      assertEquals(
          List.of(
              "export failed occurrences=1",
              "export failed occurrences=2",
              "export to otlp x succeeds again after 3 failed requests"),
          lines.messages());
    }
  }
}
