package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Invalid webhook durations are reported in the notation the configuration is written in. */
class WebhookConfigMessagesTest {

  @Test
  void breakerOpenDurationIsWrittenAsInTheConfiguration() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new BreakerConfig(5, Duration.ZERO));

    assertEquals("circuit_breaker.open_duration: 0s (expected: > 0)", e.getMessage());
  }

  @Test
  void retryIntervalIsWrittenAsInTheConfiguration() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RetryConfig(
                    Duration.ofMillis(-1500),
                    Duration.ofMinutes(5),
                    2.0,
                    0.5,
                    Duration.ofHours(1)));

    assertEquals("retry_on_failure.initial_interval: -1500ms (expected: > 0)", e.getMessage());
  }
}
