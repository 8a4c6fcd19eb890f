package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.server.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Jetty logs through SLF4J. Without a provider on the class path SLF4J prints warnings on every
 * start and drops Jetty's messages; with the JUL binding they reach java.util.logging.
 */
class Slf4jBindingTest {
  @Test
  void slf4jMessagesReachJavaUtilLogging() {
    try (LogCapture capture = new LogCapture(Slf4jBindingTest.class)) {
      LoggerFactory.getLogger(Slf4jBindingTest.class).warn("routed to JUL");

      assertEquals(List.of("routed to JUL"), capture.messages());
    }
  }
}
