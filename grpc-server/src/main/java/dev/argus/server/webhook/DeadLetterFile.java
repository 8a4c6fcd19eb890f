package dev.argus.server.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONL file of deliveries ARGUS gave up on. Appends are synchronised, so every thread of one
 * process may write; a replay takes the file away first (see {@link #takeForReplay()}), so
 * deliveries that die while it runs land in a fresh file and are not lost.
 */
final class DeadLetterFile {

  private final Path path;
  private final ObjectMapper mapper;

  DeadLetterFile(Path path, ObjectMapper mapper) {
    this.path = path;
    this.mapper = mapper;
  }

  Path path() {
    return path;
  }

  /** Appends one entry as a single line. */
  synchronized void append(DeadLetter letter) throws IOException {
    appendAll(List.of(letter));
  }

  /** Appends entries, one line each. */
  synchronized void appendAll(List<DeadLetter> letters) throws IOException {
    if (letters.isEmpty()) {
      return;
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter writer =
        Files.newBufferedWriter(
            path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (DeadLetter letter : letters) {
        writer.write(mapper.writeValueAsString(letter));
        writer.write('\n');
      }
    }
  }

  /**
   * Moves the file aside and returns the moved copy's path, or null when there is no file. The
   * caller reads it with {@link #read(Path)} and deletes it when done.
   */
  synchronized Path takeForReplay() throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    Path taken = path.resolveSibling(path.getFileName() + ".replaying");
    if (Files.exists(taken)) {
      // A replay that died half-way left this behind; merge it back so nothing is lost.
      List<DeadLetter> earlier = read(taken);
      Files.delete(taken);
      appendAll(earlier);
    }
    Files.move(path, taken, StandardCopyOption.ATOMIC_MOVE);
    return taken;
  }

  /** Reads every entry; blank lines are skipped, a malformed line is an IOException. */
  List<DeadLetter> read(Path file) throws IOException {
    List<DeadLetter> letters = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        letters.add(mapper.readValue(line, DeadLetter.class));
      } catch (IOException e) {
        throw new IOException(file + ":" + number + ": not a dead-letter entry", e);
      }
    }
    return letters;
  }
}
