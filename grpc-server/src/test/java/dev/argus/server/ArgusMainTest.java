package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
  void run_headersGrpcCannotSendExitWithConfigProblemsAndNoSecret(@TempDir Path dir)
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("argus.yaml"),
            "receivers: {otlp: {grpc: {endpoint: '127.0.0.1:0'}}}\n"
                + "exporter: {otlp: {endpoint: '127.0.0.1:1', headers: {"
                + "authorization: \"SECRETNL\\nX\", x-bin: SECRETBIN, bad key: v}}}\n");

    int status = run("run", "--config", config.toString());

    assertEquals(2, status);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("3 problems"), message);
    assertTrue(
        message.contains(
            "exporter.otlp.headers.authorization: [REDACTED] (expected:"
                + " printable ASCII, no line breaks)"),
        message);
    assertTrue(message.contains("exporter.otlp.headers: \"x-bin\" (expected:"), message);
    assertTrue(message.contains("exporter.otlp.headers: \"bad key\" (expected:"), message);
    assertFalse(message.contains("SECRET"), message);
  }

  @Test
  void run_correctionLocalFileIsADirectoryDoesNotStart(@TempDir Path dir) throws Exception {
    Path events = Files.createDirectory(dir.resolve("events.jsonl"));
    Path config =
        Files.writeString(
            dir.resolve("argus.yaml"),
            "receivers: {otlp: {grpc: {endpoint: '127.0.0.1:0'}}}\n"
                + "exporter: {file: {path: '"
                + dir.resolve("out.jsonl")
                + "'}}\n"
                + "correction: {local_file: '"
                + events
                + "'}\n");

    int status = run("run", "--config", config.toString());

    assertEquals(1, status);
    assertEquals(
        "cannot start: correction.local_file: "
            + events
            + " (expected: a writable file; is a directory)\n",
        err.toString(StandardCharsets.UTF_8));
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
    assertEquals(
        "replay: cannot read /no/such/file.pb: no such file\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void help_printsUsageAndSucceeds(String option) {
    assertEquals(0, run(option));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: argus"));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void help_afterACommandPrintsUsage() {
    assertEquals(0, run("replay", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: argus"));
  }

  @Test
  void replay_unreachableEndpointIsOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("one.json");
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/captured/traceloop/rag_hallucinated.json")) {
      Files.write(file, in.readAllBytes());
    }
    int port;
    // A port that was free a moment ago: nothing listens on it.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    int status = run("replay", file.toString(), "--endpoint", "127.0.0.1:" + port);

    assertEquals(1, status);
    assertEquals(
        "replay: cannot reach 127.0.0.1:" + port + ": connection refused\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "text.pb | x | not an OTLP protobuf trace request",
        "empty.pb | '' | the file is empty",
        "empty.json | '{}' | the request holds no span",
        "noise.json | x | ",
        "lines.jsonl | '{}' | line 1: the request holds no span",
        "blank.jsonl | ' ' | the file holds no request",
        "id.json | '{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}'"
            + " | traceId is not hex (expected: 32 hex digits)",
        "link.jsonl | '{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"links\":"
            + "[{\"spanId\":1}]}]}]}]}' | line 1: links[0].spanId is a number, not a string"
            + " (expected: 16 hex digits)",
      })
  void replay_fileNotInItsFormatIsRejected(
      String name, String content, String reason, @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content + "\n");
    if (content.isEmpty()) {
      Files.write(file, new byte[0]);
    }

    int status = run("replay", file.toString(), "--endpoint", "127.0.0.1:1");

    assertEquals(2, status);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        message.startsWith("replay: cannot read " + file + ": " + (reason == null ? "" : reason)),
        message);
    assertEquals(1, message.lines().count(), message);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    return ArgusMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
