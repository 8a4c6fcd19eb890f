package dev.argus.server.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends event bodies to a JSONL file, one per line; where events go when no subscriber is
 * configured, so a default installation still shows its corrections. Event bodies never contain a
 * raw newline (JSON escapes it), so one body is one line.
 *
 * <p>The file is bounded: a body that would take it past {@code maxBytes} first moves it to {@code
 * <name>.1} (replacing the previous one), so the events of a long run take at most about twice
 * {@code maxBytes} on disk and the newest ones are always kept.
 */
final class LocalEventFile {

  /**
   * The subscriber name of a dead letter that holds an event the local file could not take; {@code
   * replay-dead-letters} appends such events to the local file.
   */
  static final String DEAD_LETTER_SUBSCRIBER = "(correction.local_file)";

  private static final long MIB = 1L << 20;

  private final Path path;
  private final Path rotated;
  private final long maxBytes;
  private final LongAdder rotations;

  /** Creates the file {@code config} names, with its size bound. */
  static LocalEventFile of(CorrectionConfig config, LongAdder rotations) {
    return new LocalEventFile(config.localFile(), config.localFileMaxMib() * MIB, rotations);
  }

  /**
   * Creates a file rotated at {@code maxBytes}.
   *
   * @param rotations counts each rotation
   */
  LocalEventFile(Path path, long maxBytes, LongAdder rotations) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
    }
    this.path = path;
    this.rotated = path.resolveSibling(path.getFileName() + ".1");
    this.maxBytes = maxBytes;
    this.rotations = rotations;
  }

  Path path() {
    return path;
  }

  /** Returns where the file goes when it is full. */
  Path rotatedPath() {
    return rotated;
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

  /** Appends {@code body} and a newline, rotating the file first when it would grow too big. */
  synchronized void append(byte[] body) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long size = sizeOrZero();
    // An empty file always takes the body, so one oversized event is still written.
    if (size > 0 && size + body.length + 1 > maxBytes) {
      Files.move(path, rotated, StandardCopyOption.REPLACE_EXISTING);
      rotations.increment();
    }
    try (OutputStream out =
        Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(body);
      out.write('\n');
    }
  }

  private long sizeOrZero() throws IOException {
    try {
      return Files.size(path);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }
}
