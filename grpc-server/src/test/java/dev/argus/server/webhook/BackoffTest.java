package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final RetryConfig RETRY =
      new RetryConfig(
          Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.5, Duration.ofHours(24));

  @Test
  void delay_growsExponentiallyUpToMaxInterval() {
    Backoff backoff = new Backoff(RETRY, new FixedRandom(0.5));

    assertEquals(Duration.ofSeconds(1), backoff.delay(1, null));
    assertEquals(Duration.ofSeconds(2), backoff.delay(2, null));
    assertEquals(Duration.ofSeconds(8), backoff.delay(4, null));
    assertEquals(Duration.ofSeconds(10), backoff.delay(9, null));
  }

  @Test
  void delay_jitterSpansRandomizationFactor() {
    assertEquals(Duration.ofMillis(2000), new Backoff(RETRY, new FixedRandom(0.0)).delay(3, null));
    assertEquals(Duration.ofMillis(3000), new Backoff(RETRY, new FixedRandom(0.25)).delay(3, null));
    assertEquals(
        Duration.ofMillis(5999), new Backoff(RETRY, new FixedRandom(0.999875)).delay(3, null));
  }

  @Test
  void delay_longerRetryAfterWins_shorterDoesNot() {
    Backoff backoff = new Backoff(RETRY, new FixedRandom(0.5));

    assertEquals(Duration.ofSeconds(90), backoff.delay(1, Duration.ofSeconds(90)));
    assertEquals(Duration.ofSeconds(2), backoff.delay(2, Duration.ofMillis(10)));
  }

  @Test
  void parseRetryAfter_secondsAndHttpDate() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    assertEquals(Duration.ofSeconds(7), Backoff.parseRetryAfter(" 7 ", now));
    assertEquals(
        Duration.ofSeconds(30), Backoff.parseRetryAfter("Sun, 01 Mar 2026 10:00:30 GMT", now));
    assertEquals(Duration.ZERO, Backoff.parseRetryAfter("Sun, 01 Mar 2026 09:00:00 GMT", now));
    assertNull(Backoff.parseRetryAfter("soon", now));
    assertNull(Backoff.parseRetryAfter(null, now));
  }
}
