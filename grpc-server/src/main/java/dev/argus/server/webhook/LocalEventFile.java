package dev.argus.server.webhook;

import java.io.IOException;
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

  private final Path path;

  LocalEventFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
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
