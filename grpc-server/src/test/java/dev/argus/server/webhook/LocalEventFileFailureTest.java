package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.correction.ScannerPiiMasker;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unusable local event file is refused at start, and an event it cannot take is kept. */
class LocalEventFileFailureTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void start_localFileIsADirectory_isRefused() throws Exception {
    Path events = Files.createDirectory(directory.resolve("events.jsonl"));

    UncheckedIOException error =
        assertThrows(UncheckedIOException.class, () -> dispatcher(config(events)));

    assertEquals(
        "correction.local_file: " + events + " (expected: a writable file; is a directory)",
        error.getMessage());
  }

  @Test
  void start_parentIsAFile_isRefused() throws Exception {
    Path file = Files.writeString(directory.resolve("plain"), "x");

    UncheckedIOException error =
        assertThrows(
            UncheckedIOException.class, () -> dispatcher(config(file.resolve("events.jsonl"))));

    assertTrue(error.getMessage().contains("is not a directory"), error.getMessage());
  }

  @Test
  void start_withSubscribers_deadLetterFileIsADirectoryIsRefused() throws Exception {
    Path dead = Files.createDirectory(directory.resolve("dead.jsonl"));
    CorrectionConfig config =
        config(directory.resolve("events.jsonl")).toBuilder()
            .setDeadLetterFile(dead)
            .setSubscribers(
                List.of(
                    new SubscriberConfig(
                        "app",
                        URI.create("http://127.0.0.1:9/"),
                        WebhookSigner.fromSecret(
                            "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E="),
                        SubscriberFilter.ALL,
                        false)))
            .build();

    UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> dispatcher(config));

    assertTrue(
        error.getMessage().startsWith("correction.webhooks.dead_letter_file: "),
        error.getMessage());
  }

  @Test
  void eventTheFileCannotTake_isDeadLetteredAndReplayedIntoTheFile() throws Exception {
    Path events = directory.resolve("events.jsonl");
    CorrectionConfig config = config(events);
    String id;
    try (CorrectionDispatcher dispatcher = dispatcher(config)) {
      // The file became unusable after start.
      Files.createDirectory(events);

      id = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).orElseThrow();
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      assertEquals(1, dispatcher.stats().deadLettered());
      assertEquals(0, dispatcher.stats().localWritten());
    }
    List<String> letters = Files.readAllLines(config.deadLetterFile());
    assertEquals(1, letters.size());
    JsonNode letter = JSON.readTree(letters.get(0));
    assertEquals(id, letter.get("webhook_id").asText());
    assertEquals("local_file_unwritable", letter.get("reason").asText());

    Files.delete(events);
    DeadLetterReplayer.Result result =
        new DeadLetterReplayer(config, HttpClient.newHttpClient(), clock).replay();

    assertEquals(new DeadLetterReplayer.Result(1, 0, 0), result);
    List<String> written = Files.readAllLines(events);
    assertEquals(1, written.size());
    assertEquals(id, JSON.readTree(written.get(0)).get("event_id").asText());
    Path dead = config.deadLetterFile();
    assertTrue(!Files.exists(dead) || Files.readAllLines(dead).isEmpty());
  }

  private CorrectionConfig config(Path events) {
    return CorrectionConfig.builder()
        .setLocalFile(events)
        .setDeadLetterFile(directory.resolve("dead.jsonl"))
        .build();
  }

  private CorrectionDispatcher dispatcher(CorrectionConfig config) {
    return new CorrectionDispatcher(
        config,
        clock,
        new RecordingSleeper(clock),
        new FixedRandom(0.5),
        HttpClient.newHttpClient(),
        ScannerPiiMasker.withDefaults());
  }
}
