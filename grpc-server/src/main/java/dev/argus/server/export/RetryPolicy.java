package dev.argus.server.export;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;

/**
 * The retry table of the OTLP specification and the backoff between attempts.
 *
 * <table>
 *   <caption>Which downstream answers are retried</caption>
 *   <tr><th>answer</th><th>retried</th></tr>
 *   <tr><td>gRPC CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS</td>
 *       <td>yes</td></tr>
 *   <tr><td>gRPC RESOURCE_EXHAUSTED</td>
 *       <td>only when the answer carries {@code RetryInfo}</td></tr>
 *   <tr><td>any other gRPC code</td><td>no: dropped at once and counted</td></tr>
 *   <tr><td>HTTP 429, 502, 503, 504</td><td>yes</td></tr>
 *   <tr><td>any other HTTP status</td><td>no: dropped at once and counted</td></tr>
 *   <tr><td>no answer (connection refused, timeout, local I/O error)</td><td>yes</td></tr>
 * </table>
 *
 * <p>The wait before retry {@code n} is {@code initial_interval * multiplier^(n-1)}, capped at
 * {@code max_interval}, then drawn uniformly from {@code ±randomization_factor} around that value.
 * A delay the downstream asked for ({@code RetryInfo} or {@code Retry-After}) wins when it is
 * longer. Once the next attempt would start after {@code max_elapsed_time}, the request is given
 * up. Thread-safe when the random source is.
 */
public final class RetryPolicy {
  private static final Set<Status.Code> RETRYABLE_GRPC =
      EnumSet.of(
          Status.Code.CANCELLED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.ABORTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS);

  private final RetryConfig config;
  private final DoubleSupplier random;

  /** Creates a policy drawing jitter from {@code random}, which returns values in [0, 1). */
  public RetryPolicy(RetryConfig config, DoubleSupplier random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns a policy that retries retryable failures without an elapsed-time limit, for data that
   * was acknowledged as durable and must be kept until delivered.
   */
  public RetryPolicy withoutElapsedLimit() {
    if (config.maxElapsedTime().isZero()) {
      return this;
    }
    return new RetryPolicy(
        config.withIntervals(config.initialInterval(), config.maxInterval(), Duration.ZERO),
        random);
  }

  /** Returns the settings. */
  public RetryConfig config() {
    return config;
  }

  /** Returns true when a downstream gRPC answer with {@code code} may be retried. */
  public static boolean isRetryableGrpc(Status.Code code, boolean hasRetryInfo) {
    if (code == Status.Code.RESOURCE_EXHAUSTED) {
      // Without RetryInfo the quota is not expected to recover soon (OTLP specification).
      return hasRetryInfo;
    }
    return RETRYABLE_GRPC.contains(code);
  }

  /** Returns true when a downstream HTTP answer with {@code status} may be retried. */
  public static boolean isRetryableHttp(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** Returns true when {@code failure}, as thrown by an exporter, may be retried. */
  public static boolean isRetryable(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (!(cause instanceof ExportException export)) {
      // Not an answer from the downstream but a local fault: the data itself is not at fault.
      return true;
    }
    if (export.grpcCode().isPresent()) {
      return isRetryableGrpc(export.grpcCode().get(), export.retryDelay().isPresent());
    }
    if (export.httpStatus() != 0) {
      return isRetryableHttp(export.httpStatus());
    }
    return export.retryable();
  }

  /**
   * Returns the wait before retry number {@code retry} (1 for the first retry) after {@code
   * failure}, or empty when the request must be given up because it is not retryable, retries are
   * disabled, or the wait would end after the maximum elapsed time.
   *
   * @param elapsed time since the first attempt started
   */
  public Optional<Duration> nextDelay(Throwable failure, int retry, Duration elapsed) {
    if (!config.enabled() || !isRetryable(failure)) {
      return Optional.empty();
    }
    Duration delay = backoff(retry);
    Optional<Duration> asked = serverDelay(failure);
    if (asked.isPresent() && asked.get().compareTo(delay) > 0) {
      delay = asked.get();
    }
    if (!config.maxElapsedTime().isZero()
        && elapsed.plus(delay).compareTo(config.maxElapsedTime()) > 0) {
      return Optional.empty();
    }
    return Optional.of(delay);
  }

  /** Returns the jittered exponential wait before retry number {@code retry}. */
  Duration backoff(int retry) {
    double interval = config.initialInterval().toNanos();
    double max = config.maxInterval().toNanos();
    for (int i = 1; i < retry && interval < max; i++) {
      interval *= config.multiplier();
    }
    interval = Math.min(interval, max);
    double f = config.randomizationFactor();
    double jittered = interval * (1 - f + 2 * f * random.getAsDouble());
    return Duration.ofNanos(Math.max(1, (long) jittered));
  }

  /** Returns the delay the downstream asked for in {@code failure}, if any. */
  static Optional<Duration> serverDelay(Throwable failure) {
    return unwrap(failure) instanceof ExportException export
        ? export.retryDelay()
        : Optional.empty();
  }

  /**
   * Returns the delay an HTTP {@code Retry-After} header value asks for: either a number of seconds
   * or an HTTP date, counted from {@code now}. Empty when absent or unreadable.
   */
  public static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      // not a number of seconds: try an HTTP date below
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);
      return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
