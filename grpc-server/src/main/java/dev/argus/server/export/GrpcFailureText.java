package dev.argus.server.export;

import dev.argus.server.config.Durations;
import io.grpc.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Words a failed downstream gRPC call in two ways: a short, stable message for the sender, and the
 * full detail for ARGUS's own log. grpc-java describes a failure on this side of the wire (a
 * refused connection, a passed deadline) in terms of its own internals, which change between
 * releases and tell a sender nothing it can act on; those stay in the log.
 */
final class GrpcFailureText {
  // Long enough for a downstream's reason, short enough to stay one readable line.
  private static final int MAX_DOWNSTREAM_TEXT_CHARS = 200;
  private static final int MAX_DETAIL_CHARS = 400;

  private GrpcFailureText() {}

  /**
   * Returns the message for the sender.
   *
   * @param timedOut whether this side's deadline ({@code timeout}) passed without an answer
   */
  static String forSender(Status status, boolean timedOut, Duration timeout) {
    if (timedOut && status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "downstream did not answer within " + Durations.format(timeout);
    }
    if (status.getCause() != null) {
      // The call failed on this side of the wire: the downstream said nothing.
      return status.getCode() == Status.Code.UNAVAILABLE
          ? "downstream unavailable: " + shortCause(status.getCause())
          : "downstream call failed: " + status.getCode();
    }
    String answer = "downstream answered " + status.getCode();
    String description = status.getDescription();
    return description == null || description.isBlank()
        ? answer
        : answer + ": " + oneLine(description, MAX_DOWNSTREAM_TEXT_CHARS);
  }

  /** Returns grpc-java's description and the transport's cause, for the log only. */
  static String detail(Status status) {
    StringBuilder detail = new StringBuilder();
    if (status.getDescription() != null) {
      detail.append(status.getDescription());
    }
    Throwable cause = status.getCause();
    if (cause != null) {
      detail.append(detail.length() == 0 ? "" : ": ").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        detail.append(": ").append(cause.getMessage());
      }
    }
    return oneLine(detail.toString(), MAX_DETAIL_CHARS);
  }

  /** Returns what went wrong with the connection, in a few stable words. */
  static String shortCause(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException connect) {
        String text = String.valueOf(connect.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("refused") ? "connection refused" : "cannot connect";
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "cannot resolve the host";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed";
      }
    }
    return "connection failed";
  }

  /** Returns {@code text} on one line, cut to {@code max} characters. */
  static String oneLine(String text, int max) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= max ? line : line.substring(0, max) + "...";
  }
}
