package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argus replay-dead-letters} against a real subscriber on 127.0.0.1. */
class ReplayDeadLettersCommandTest {

  private static final String SECRET = "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=";
  private static final String BODY = "{\"type\":\"evaluation.failed\",\"text\":\"Zoë 😀\"}";

  @TempDir Path directory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void replayDeadLetters_resendsSameIdAndBodyAndEmptiesTheFile() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("webhook-id")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    Path deadLetters = directory.resolve("dead.jsonl");
    Files.writeString(
        deadLetters,
        "{\"subscriber\":\"app\",\"webhook_id\":\"evt_1\","
            + "\"event_type\":\"evaluation.failed\",\"created_at\":\"2026-03-01T10:00:00Z\","
            + "\"dead_at\":\"2026-03-02T10:00:00Z\",\"attempts\":17,\"last_status\":503,"
            + "\"reason\":\"max_elapsed_time\",\"last_error\":\"HTTP 503\",\"body\":"
            + "\"{\\\"type\\\":\\\"evaluation.failed\\\",\\\"text\\\":\\\"Zoë 😀\\\"}\"}\n",
        StandardCharsets.UTF_8);
    Path config =
        Files.writeString(
            directory.resolve("argus.yaml"),
            "correction:\n"
                + "  webhooks:\n"
                + "    dead_letter_file: \""
                + deadLetters
                + "\"\n"
                + "    subscribers:\n"
                + "      - name: app\n"
                + "        endpoint: \"http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/hook\"\n"
                + "        secret: \""
                + SECRET
                + "\"\n");

    int status = run("replay-dead-letters", "--config", config.toString());

    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .startsWith("delivered=1 failed=0 unknown_subscriber=0"),
        out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("evt_1 " + BODY), received);
    assertFalse(Files.exists(deadLetters), "delivered entries must leave the file");
  }

  @Test
  void replayDeadLetters_withoutFile_deliversNothing() throws Exception {
    Path config =
        Files.writeString(
            directory.resolve("argus.yaml"),
            "correction: {webhooks: {dead_letter_file: \""
                + directory.resolve("none.jsonl")
                + "\"}}\n");

    assertEquals(0, run("replay-dead-letters", "--config", config.toString()));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("delivered=0 failed=0"));
  }

  private int run(String... args) {
    return ArgusMain.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
