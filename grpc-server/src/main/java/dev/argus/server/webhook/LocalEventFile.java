package dev.argus.server.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends event bodies to a JSONL file, one per line; where events go when no subscriber is
 * configured, so a default installation still shows its corrections. Event bodies never
 * contain a raw newline (JSON escapes it), so one body is one line.
 */
final class LocalEventFile {

  /**
   * The subscriber name of a dead letter that holds an event the local file could not take;
   * {@code replay-dead-letters} appends such events to the local file.
   */
  static final String DEAD_LETTER_SUBSCRIBER = "(correction.local_file)";

  private final Path path;

  LocalEventFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /**
   * Checks that events can be appended to {@code path} without writing anything: it is not a
   * directory, and it or (when it does not exist yet) its nearest existing directory is writable.
   *
   * @param key the config key, for the message
   * @throws UncheckedIOException naming the key, the path and the reason
   */
  static void checkWritable(Path path, String key) {
    String reason = null;
    if (Files.isDirectory(path)) {
      reason = "is a directory";
    } else if (Files.exists(path)) {
      reason = Files.isWritable(path) ? null : "is not writable";
    } else {
      Path parent = path.toAbsolutePath().getParent();
      while (parent != null && !Files.exists(parent)) {
        parent = parent.getParent();
      }
      if (parent != null && !Files.isDirectory(parent)) {
        reason = parent + " is not a directory";
      } else if (parent != null && !Files.isWritable(parent)) {
        reason = "directory " + parent + " is not writable";
      }
    }
    if (reason != null) {
      String message = key + ": " + path + " (expected: a writable file; " + reason + ")";
      throw new UncheckedIOException(message, new IOException(message));
    }
  }

  /** Appends {@code body} and a newline. */
  synchronized void append(byte[] body) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out =
        Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(body);
      out.write('\n');
    }
  }
}
