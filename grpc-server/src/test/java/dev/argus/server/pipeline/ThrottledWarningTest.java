package dev.argus.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.server.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {

  @Test
  void warn_logsFirstOccurrenceThenOncePerIntervalWithTheCount() {
    Logger logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    LogCapture lines = new LogCapture(logger);
    AtomicLong now = new AtomicLong();
    ThrottledWarning warning = new ThrottledWarning(logger, Duration.ofSeconds(60), now::get);

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
}
