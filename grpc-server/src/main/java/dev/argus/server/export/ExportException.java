package dev.argus.server.export;

/**
 * A failed export. {@link #retryable()} tells whether sending the same request again may succeed
 * (the destination was unreachable, overloaded or timed out) or never will (it rejected the data).
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** Creates an exception; {@code message} must not contain payload data or secrets. */
  public ExportException(boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Returns true when sending the same request again may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
