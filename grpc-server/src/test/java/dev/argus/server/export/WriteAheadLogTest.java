package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  private static final long SEGMENT = 1024;
  private static final long CAP = 64 * 1024;

  @TempDir Path dir;
  private final DeliveryStats stats = new DeliveryStats();

  @Test
  void append_thenRead_returnsThePayload() throws IOException {
    try (WriteAheadLog log = open()) {
      WriteAheadLog.Record record = log.append(bytes("hello"));

      assertArrayEquals(bytes("hello"), log.read(record));
    }
  }

  @Test
  void reopen_recoversExactlyTheRecordsNotRemoved() throws IOException {
    List<WriteAheadLog.Record> records = new ArrayList<>();
    try (WriteAheadLog log = open()) {
      for (int i = 0; i < 50; i++) {
        records.add(log.append(bytes("request-" + i)));
      }
      for (int i = 0; i < 50; i += 2) {
        log.remove(records.get(i));
      }
    }

    try (WriteAheadLog log = open()) {
      List<String> recovered = new ArrayList<>();
      for (WriteAheadLog.Record record : log.recovered()) {
        recovered.add(new String(log.read(record), StandardCharsets.UTF_8));
      }

      List<String> expected = new ArrayList<>();
      for (int i = 1; i < 50; i += 2) {
        expected.add("request-" + i);
      }
      assertEquals(expected, recovered);
      assertEquals(0, stats.corruptRecords());
    }
  }

  @Test
  void remove_deletesSegmentsOnceEverythingInThemIsDelivered() throws IOException {
    try (WriteAheadLog log = open()) {
      List<WriteAheadLog.Record> records = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        records.add(log.append(new byte[100]));
      }
      long segmentsBefore = segmentFiles();
      records.forEach(log::remove);

      // 100 records of 116 bytes in 1 KiB segments: many segments, all but the active one gone.
      assertEquals(true, segmentsBefore > 5, "segments before: " + segmentsBefore);
      assertEquals(1, segmentFiles());
      assertEquals(true, log.usedBytes() < SEGMENT, "used: " + log.usedBytes());
    }
    try (WriteAheadLog log = open()) {
      assertEquals(List.of(), log.recovered());
    }
  }

  @Test
  void reopen_skipsATornTailWithAWarningAndKeepsEverythingBefore() throws IOException {
    try (WriteAheadLog log = open()) {
      log.append(bytes("first"));
      log.append(bytes("second"));
    }
    Path segment = onlySegment();
    // A crash in the middle of a write: a header that promises more bytes than follow.
    Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);

    try (WriteAheadLog log = open()) {
      assertEquals(2, log.recovered().size());
      assertArrayEquals(bytes("second"), log.read(log.recovered().get(1)));
      assertEquals(1, stats.corruptRecords());
      assertEquals(7, stats.corruptBytes());
    }
    // The tail was cut off: the next start does not report it again.
    DeliveryStats again = new DeliveryStats();
    try (WriteAheadLog log = WriteAheadLog.open(dir, SEGMENT, CAP, true, again)) {
      assertEquals(2, log.recovered().size());
      assertEquals(0, again.corruptRecords());
    }
  }

  @Test
  void reopen_skipsOnlyARecordThatFailsItsChecksum() throws IOException {
    try (WriteAheadLog log = open()) {
      log.append(bytes("first"));
      log.append(bytes("second"));
      log.append(bytes("third"));
    }
    Path segment = onlySegment();
    byte[] content = Files.readAllBytes(segment);
    // Flip one payload byte of the second record (frame = 16 header bytes + payload).
    int second = 16 + "first".length();
    content[second + 16] ^= 0x40;
    Files.write(segment, content);

    try (WriteAheadLog log = open()) {
      assertEquals(2, log.recovered().size());
      assertArrayEquals(bytes("first"), log.read(log.recovered().get(0)));
      assertArrayEquals(bytes("third"), log.read(log.recovered().get(1)));
      assertEquals(1, stats.corruptRecords());
      assertEquals(16 + "second".length(), stats.corruptBytes());
    }
  }

  @Test
  void reopen_resynchronisesAfterDamageInTheMiddleOfASegment() throws IOException {
    int count = 200;
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 4 << 20, true, stats)) {
      for (int i = 0; i < count; i++) {
        log.append(bytes(String.format("request-%03d", i)));
      }
    }
    Path segment = onlySegment();
    byte[] content = Files.readAllBytes(segment);
    int frame = 16 + "request-000".length();
    // Overwrite records 50 to 52 entirely, and the start of record 53, with garbage.
    int from = 50 * frame;
    int to = 53 * frame + 5;
    for (int i = from; i < to; i++) {
      content[i] = (byte) (i * 31 + 7);
    }
    Files.write(segment, content);

    DeliveryStats after = new DeliveryStats();
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 4 << 20, true, after)) {
      List<String> recovered = new ArrayList<>();
      for (WriteAheadLog.Record record : log.recovered()) {
        recovered.add(new String(log.read(record), StandardCharsets.UTF_8));
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (i < 50 || i > 53) {
          expected.add(String.format("request-%03d", i));
        }
      }
      assertEquals(expected, recovered);
      assertEquals(1, after.corruptRecords());
      assertEquals(4 * frame, after.corruptBytes());
    }
  }

  @Test
  void reopen_ofGarbageDoesNotFail() throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("00000000000000000007.wal"), bytes("not a write-ahead log at all"));

    try (WriteAheadLog log = open()) {
      assertEquals(List.of(), log.recovered());
      assertEquals(1, stats.corruptRecords());
      WriteAheadLog.Record record = log.append(bytes("after"));
      assertArrayEquals(bytes("after"), log.read(record));
    }
  }

  @Test
  void append_beyondTheCapIsRefusedAndFreedSpaceIsReused() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, SEGMENT, 1000, true, stats)) {
      List<WriteAheadLog.Record> records = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        records.add(log.append(new byte[100]));
      }

      assertThrows(WriteAheadLog.StorageFullException.class, () -> log.append(new byte[100]));
      records.forEach(log::remove);
      log.append(new byte[600]);
    }
  }

  private WriteAheadLog open() throws IOException {
    return WriteAheadLog.open(dir, SEGMENT, CAP, true, stats);
  }

  private long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".wal")).count();
    }
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> segments = files.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
      // The last segment is the empty one opened after the records were written.
      return segments.get(0);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
