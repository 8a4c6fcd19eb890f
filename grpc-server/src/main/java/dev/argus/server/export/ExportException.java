package dev.argus.server.export;

import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed export. {@link #retryable()} tells whether sending the same request again may succeed
 * (the destination was unreachable, overloaded or timed out) or never will (it rejected the data).
 *
 * <p>When the failure came from a downstream answer, the exception also carries that answer (a
 * gRPC code or an HTTP status) and any delay the downstream asked for, so that {@link RetryPolicy}
 * can apply the retry table.
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient Status.Code grpcCode;
  private final int httpStatus;
  private final Duration retryDelay;
  private final boolean overloaded;

  /** Creates an exception; {@code message} must not contain payload data or secrets. */
  public ExportException(boolean retryable, String message, Throwable cause) {
    this(retryable, message, cause, null, 0, null);
  }

  private ExportException(
      boolean retryable,
      String message,
      Throwable cause,
      Status.Code grpcCode,
      int httpStatus,
      Duration retryDelay) {
    this(retryable, message, cause, grpcCode, httpStatus, retryDelay, false);
  }

  private ExportException(
      boolean retryable,
      String message,
      Throwable cause,
      Status.Code grpcCode,
      int httpStatus,
      Duration retryDelay,
      boolean overloaded) {
    super(message, cause);
    this.retryable = retryable;
    this.grpcCode = grpcCode;
    this.httpStatus = httpStatus;
    this.retryDelay = retryDelay;
    this.overloaded = overloaded;
  }

  /**
   * Returns an exception for a downstream gRPC answer.
   *
   * @param retryable whether the sender of a synchronously forwarded request should retry
   * @param code the downstream's status code
   * @param retryDelay the delay the downstream asked for in {@code RetryInfo}, or null
   */
  public static ExportException grpc(
      boolean retryable, Status.Code code, String message, Throwable cause, Duration retryDelay) {
    return new ExportException(retryable, message, cause, code, 0, retryDelay);
  }

  /**
   * Returns an exception for a downstream HTTP answer.
   *
   * @param status the downstream's HTTP status
   * @param retryDelay the delay the downstream asked for in {@code Retry-After}, or null
   */
  public static ExportException http(int status, String message, Duration retryDelay) {
    return new ExportException(
        RetryPolicy.isRetryableHttp(status), message, null, null, status, retryDelay);
  }

  /**
   * Returns a retryable exception for data this process could not take, for example because its
   * sending queue is full; the sender is asked to wait {@code retryDelay} before retrying.
   */
  public static ExportException overloaded(String message, Duration retryDelay) {
    return new ExportException(true, message, null, null, 0, retryDelay, true);
  }

  /**
   * Returns true when this process refused the data itself, its sending queue or disk being full,
   * rather than the downstream failing it.
   */
  public boolean overloaded() {
    return overloaded;
  }

  /** Returns true when sending the same request again may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Returns the downstream's gRPC status code, when the failure was a gRPC answer. */
  public Optional<Status.Code> grpcCode() {
    return Optional.ofNullable(grpcCode);
  }

  /** Returns the downstream's HTTP status, or 0 when the failure was not an HTTP answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Returns the delay the other side asked for before a retry, if it named one. */
  public Optional<Duration> retryDelay() {
    return Optional.ofNullable(retryDelay);
  }
}
