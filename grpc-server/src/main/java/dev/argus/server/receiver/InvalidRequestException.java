package dev.argus.server.receiver;

/**
 * Thrown when an export request cannot be read at all (not the encoding it claims, or a broken
 * envelope), as opposed to a malformed span or log record, which costs only itself. A sender must
 * not retry such a request: OTLP/HTTP answers 400, OTLP/gRPC {@code INVALID_ARGUMENT}.
 */
public final class InvalidRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what is wrong with the request. */
  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception whose message says what is wrong with the request. */
  public InvalidRequestException(String message) {
    super(message);
  }
}
