package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  private static final RetryConfig CONFIG =
      RetryConfig.DEFAULT.withIntervals(
          Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60));

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {
        "CANCELLED",
        "DEADLINE_EXCEEDED",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNAVAILABLE",
        "DATA_LOSS"
      })
  void grpc_specRetryableCodesAreRetried(Status.Code code) {
    assertTrue(RetryPolicy.isRetryableGrpc(code, false));
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {
        "INVALID_ARGUMENT",
        "INTERNAL",
        "UNAUTHENTICATED",
        "PERMISSION_DENIED",
        "NOT_FOUND",
        "UNIMPLEMENTED",
        "UNKNOWN",
        "FAILED_PRECONDITION",
        "ALREADY_EXISTS"
      })
  void grpc_otherCodesArePermanent(Status.Code code) {
    assertFalse(RetryPolicy.isRetryableGrpc(code, false));
    assertFalse(RetryPolicy.isRetryableGrpc(code, true));
  }

  @Test
  void grpc_resourceExhaustedIsRetriedOnlyWithRetryInfo() {
    assertFalse(RetryPolicy.isRetryableGrpc(Status.Code.RESOURCE_EXHAUSTED, false));
    assertTrue(RetryPolicy.isRetryableGrpc(Status.Code.RESOURCE_EXHAUSTED, true));
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503, 504})
  void http_specRetryableStatusesAreRetried(int status) {
    assertTrue(RetryPolicy.isRetryableHttp(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415, 500, 501})
  void http_otherStatusesArePermanent(int status) {
    assertFalse(RetryPolicy.isRetryableHttp(status));
  }

  @Test
  void localFailuresAreRetried() {
    assertTrue(RetryPolicy.isRetryable(new CompletionException(new IOException("disk"))));
  }

  @Test
  void backoff_growsExponentiallyWithinTheJitterBandAndIsCapped() {
    RetryPolicy low = new RetryPolicy(CONFIG, () -> 0.0);
    RetryPolicy high = new RetryPolicy(CONFIG, () -> 0.999_999);

    // initial 1s, multiplier 1.5, factor 0.5: retry n waits 1.5^(n-1) s * [0.5, 1.5), max 8s.
    assertEquals(Duration.ofMillis(500), low.backoff(1));
    assertEquals(Duration.ofMillis(750), low.backoff(2));
    assertEquals(Duration.ofMillis(1125), low.backoff(3));
    assertEquals(Duration.ofSeconds(4), low.backoff(20));
    assertTrue(high.backoff(1).compareTo(Duration.ofMillis(1499)) > 0);
    assertTrue(high.backoff(20).compareTo(Duration.ofSeconds(12)) < 0);
  }

  @Test
  void nextDelay_serverDelayWinsWhenLonger() {
    RetryPolicy policy = new RetryPolicy(CONFIG, () -> 0.5);
    ExportException withInfo =
        ExportException.grpc(
            true, Status.Code.RESOURCE_EXHAUSTED, "quota", null, Duration.ofSeconds(2));
    ExportException shortAsk = ExportException.http(503, "busy", Duration.ofMillis(10));

    assertEquals(Optional.of(Duration.ofSeconds(2)), policy.nextDelay(withInfo, 1, Duration.ZERO));
    assertEquals(Optional.of(Duration.ofSeconds(1)), policy.nextDelay(shortAsk, 1, Duration.ZERO));
  }

  @Test
  void nextDelay_givesUpOnceTheMaxElapsedTimeWouldBeExceeded() {
    RetryPolicy policy = new RetryPolicy(CONFIG, () -> 0.5);
    ExportException unavailable =
        ExportException.grpc(true, Status.Code.UNAVAILABLE, "down", null, null);

    assertTrue(policy.nextDelay(unavailable, 1, Duration.ofSeconds(58)).isPresent());
    assertTrue(policy.nextDelay(unavailable, 1, Duration.ofMillis(59_500)).isEmpty());
  }

  @Test
  void nextDelay_zeroMaxElapsedTimeRetriesForEver() {
    RetryPolicy policy =
        new RetryPolicy(
            CONFIG.withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ZERO),
            () -> 0.5);
    ExportException unavailable =
        ExportException.grpc(true, Status.Code.UNAVAILABLE, "down", null, null);

    assertTrue(policy.nextDelay(unavailable, 500, Duration.ofDays(30)).isPresent());
  }

  @Test
  void nextDelay_disabledRetriesGiveUpAtOnce() {
    RetryConfig disabled =
        new RetryConfig(
            false,
            CONFIG.initialInterval(),
            CONFIG.maxInterval(),
            CONFIG.maxElapsedTime(),
            1.5,
            0.5);
    ExportException unavailable =
        ExportException.grpc(true, Status.Code.UNAVAILABLE, "down", null, null);

    assertTrue(
        new RetryPolicy(disabled, () -> 0.5).nextDelay(unavailable, 1, Duration.ZERO).isEmpty());
  }

  @Test
  void parseRetryAfter_readsSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryPolicy.parseRetryAfter("7", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
  }
}
