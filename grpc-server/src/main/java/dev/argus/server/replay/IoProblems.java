package dev.argus.server.replay;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Turns I/O failures into the few words a person at a terminal needs, without a stack trace. */
final class IoProblems {
  private IoProblems() {}

  /** Returns why {@code failure} (or its innermost cause) happened, such as "no such file". */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (root instanceof NoSuchFileException) {
      return "no such file";
    }
    if (root instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (root instanceof FileSystemException files && files.getReason() != null) {
      return files.getReason().toLowerCase(Locale.ROOT);
    }
    if (lower.contains("is a directory")) {
      return "is a directory";
    }
    if (root instanceof ConnectException && lower.contains("refused")) {
      return "connection refused";
    }
    if (root instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to host";
    }
    return message.isEmpty() ? root.getClass().getSimpleName() : message;
  }
}
