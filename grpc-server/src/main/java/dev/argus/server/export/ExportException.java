package dev.argus.server.export;

import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed export. {@link #retryable()} tells whether sending the same request again may succeed
 * (the destination was unreachable, overloaded or timed out) or never will (it rejected the data).
 *
 * <p>When the failure came from a downstream answer, the exception also carries that answer (a gRPC
 * code or an HTTP status) and any delay the downstream asked for, so that {@link RetryPolicy} can
 * apply the retry table.
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient Status.Code grpcCode;
  private final int httpStatus;
  private final Duration retryDelay;
  private final boolean overloaded;
  private final String logDetail;

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
    this(retryable, message, cause, grpcCode, httpStatus, retryDelay, false, null);
  }

  private ExportException(
      boolean retryable,
      String message,
      Throwable cause,
      Status.Code grpcCode,
      int httpStatus,
      Duration retryDelay,
      boolean overloaded,
      String logDetail) {
    super(message, cause);
    this.retryable = retryable;
    this.grpcCode = grpcCode;
    this.httpStatus = httpStatus;
    this.retryDelay = retryDelay;
    this.overloaded = overloaded;
    this.logDetail = logDetail;
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
    return grpc(retryable, code, message, null, cause, retryDelay);
  }

  /**
   * Returns an exception for a downstream gRPC answer as above, with {@code logDetail}: the full
   * description of the failure, for the log only, never for the sender.
   */
  static ExportException grpc(
      boolean retryable,
      Status.Code code,
      String message,
      String logDetail,
      Throwable cause,
      Duration retryDelay) {
    return new ExportException(retryable, message, cause, code, 0, retryDelay, false, logDetail);
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
    return new ExportException(true, message, null, null, 0, retryDelay, true, null);
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

  /**
   * Returns the failure as {@code key=value} pairs for a log line: the gRPC code or HTTP status and
   * the message the sender was given. No stack trace is needed for such an expected failure; the
   * pairs say what happened. They are the same for every failure of one kind, so a throttled
   * warning can count by them.
   */
  public String logFields() {
    StringBuilder fields = new StringBuilder();
    if (grpcCode != null) {
      fields.append("code=").append(grpcCode).append(' ');
    } else if (httpStatus != 0) {
      fields.append("http_status=").append(httpStatus).append(' ');
    }
    return fields.append("error=").append(quoted(getMessage())).toString();
  }

  /**
   * Returns the full description of the failure as a {@code detail="..."} pair, or null when the
   * {@link #logFields} say all. It may differ from one failure to the next (a timeout's exact
   * duration), so it is the detail of a throttled warning, not part of what it counts by.
   */
  public String logDetail() {
    return logDetail == null || logDetail.isEmpty() ? null : "detail=" + quoted(logDetail);
  }

  private static String quoted(String value) {
    return "\"" + String.valueOf(value).replace('"', '\'') + "\"";
  }

  /** Returns the delay the other side asked for before a retry, if it named one. */
  public Optional<Duration> retryDelay() {
    return Optional.ofNullable(retryDelay);
  }
}
