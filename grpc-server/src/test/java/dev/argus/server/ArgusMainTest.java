package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgusMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_invalidConfigExitsWithEveryProblem(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("argus.yaml"),
            "receivers: {otlp: {grpc: {endpoint: nowhere}}}\nscoring: {profil: rag}\n");

    int status = run("run", "--config", config.toString());

    assertEquals(2, status);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("2 problems"), message);
    assertTrue(message.contains("receivers.otlp.grpc.endpoint: nowhere (expected:"), message);
    assertTrue(message.contains("scoring.profil: unknown key"), message);
  }

  @Test
  void run_unknownOptionExitsWithUsage() {
    assertEquals(2, run("--conifg", "x.yaml"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: argus"));
  }

  @Test
  void replay_withoutFileExitsWithUsage() {
    assertEquals(2, run("replay", "--endpoint", "127.0.0.1:1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("replay needs a file"));
  }

  @Test
  void replay_missingFileIsReported() {
    assertEquals(2, run("replay", "/no/such/file.pb", "--endpoint", "127.0.0.1:1"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("replay: cannot read"));
  }

  private int run(String... args) {
    return ArgusMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
