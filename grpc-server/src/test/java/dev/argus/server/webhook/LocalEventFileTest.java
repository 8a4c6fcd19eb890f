package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.correction.ScannerPiiMasker;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local event file stays within its size bound and keeps the newest events. */
class LocalEventFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void append_pastTheBound_rotatesToDotOneAndCounts() throws Exception {
    Path events = directory.resolve("events.jsonl");
    LongAdder rotations = new LongAdder();
    LocalEventFile file = new LocalEventFile(events, 20, rotations);

    file.append(bytes("aaaaaaaa"));
    file.append(bytes("bbbbbbbb"));
    file.append(bytes("cccccccc"));

    assertEquals(List.of("cccccccc"), Files.readAllLines(events));
    assertEquals(List.of("aaaaaaaa", "bbbbbbbb"), Files.readAllLines(file.rotatedPath()));
    assertEquals(1, rotations.sum());
  }

  @Test
  void append_secondRotation_replacesThePreviousOne() throws Exception {
    Path events = directory.resolve("events.jsonl");
    LongAdder rotations = new LongAdder();
    LocalEventFile file = new LocalEventFile(events, 10, rotations);

    for (String line : List.of("first", "second", "third")) {
      file.append(bytes(line));
    }

    assertEquals(List.of("third"), Files.readAllLines(events));
    assertEquals(List.of("second"), Files.readAllLines(file.rotatedPath()));
    assertEquals(2, rotations.sum());
  }

  @Test
  void append_bodyLargerThanTheBound_isStillWritten() throws Exception {
    Path events = directory.resolve("events.jsonl");
    LongAdder rotations = new LongAdder();
    LocalEventFile file = new LocalEventFile(events, 4, rotations);

    file.append(bytes("longer than four"));

    assertEquals(List.of("longer than four"), Files.readAllLines(events));
    assertFalse(Files.exists(file.rotatedPath()));
    assertEquals(0, rotations.sum());
  }

  @Test
  void append_existingFileAtTheBound_isRotatedOnFirstAppend() throws Exception {
    Path events = Files.writeString(directory.resolve("events.jsonl"), "0123456789\n");
    LongAdder rotations = new LongAdder();
    LocalEventFile file = new LocalEventFile(events, 12, rotations);

    file.append(bytes("new"));

    assertEquals(List.of("new"), Files.readAllLines(events));
    assertEquals(List.of("0123456789"), Files.readAllLines(file.rotatedPath()));
    assertEquals(1, rotations.sum());
  }

  @Test
  void constructor_zeroBound_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LocalEventFile(directory.resolve("e.jsonl"), 0, new LongAdder()));
  }

  @Test
  void config_zeroMib_isRefusedNamingTheKey() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorrectionConfig.builder().setLocalFileMaxMib(0).build());

    assertEquals("correction.local_file_max_mib: 0 (expected: > 0)", error.getMessage());
  }

  @Test
  void dispatcher_manyEvents_keepsTheFilesWithinTheBoundAndCountsRotations() throws Exception {
    Path events = directory.resolve("events.jsonl");
    CorrectionConfig config =
        CorrectionConfig.builder()
            .setLocalFile(events)
            .setDeadLetterFile(directory.resolve("dead.jsonl"))
            .setLocalFileMaxMib(1)
            .build();
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    int offered = 0;
    try (CorrectionDispatcher dispatcher =
        new CorrectionDispatcher(
            config,
            clock,
            new RecordingSleeper(clock),
            new FixedRandom(0.5),
            HttpClient.newHttpClient(),
            ScannerPiiMasker.withDefaults())) {
      // Each event is well over 1 KiB, so 2,000 of them pass 1 MiB.
      for (int i = 1; i <= 2_000; i++) {
        String spanId = String.format("%016x", i);
        if (dispatcher.offer(TestCandidates.failed(spanId)).isPresent()) {
          offered++;
        }
      }
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(60)));

      assertEquals(offered, dispatcher.stats().localWritten());
      assertTrue(dispatcher.stats().localRotations() >= 1);
    }
    Path rotated = directory.resolve("events.jsonl.1");
    assertTrue(Files.size(events) <= 1 << 20, "size " + Files.size(events));
    assertTrue(Files.size(rotated) <= 1 << 20, "size " + Files.size(rotated));
    List<String> newest = Files.readAllLines(events);
    String last = newest.get(newest.size() - 1);
    assertEquals(
        String.format("%016x", 2_000), JSON.readTree(last).get("data").get("span_id").asText());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
