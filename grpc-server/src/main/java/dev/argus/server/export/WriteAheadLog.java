package dev.argus.server.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only log of requests on disk, in segment files, from which delivered records are
 * removed.
 *
 * <p>Each record is written as one checksummed {@link WalFrames frame}. {@link #append} returns
 * once the record is written and, with {@code fsync} on, forced to the device; concurrent appenders
 * share one force (group commit). {@link #remove} appends the sequence number to the segment's
 * {@code .ack} file (not forced: a lost acknowledgement only causes a duplicate) and deletes the
 * segment once all its records are removed and a newer segment is being written.
 *
 * <p>{@link #open} reads every segment left by an earlier run and returns the records not yet
 * removed. A record that is cut short or fails its checksum ends the readable part of its segment:
 * the rest is counted, logged once and cut off, and the log opens normally. Thread-safe.
 */
final class WriteAheadLog implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(WriteAheadLog.class.getName());
  private static final String SEGMENT_SUFFIX = ".wal";
  private static final String ACK_SUFFIX = ".ack";

  /** Where a record lives. */
  record Record(long sequence, long segmentId, long offset, int payloadLength) {
    long frameLength() {
      return WalFrames.frameLength(payloadLength);
    }
  }

  private final Path directory;
  private final long segmentBytes;
  private final long maxBytes;
  private final boolean fsync;
  private final DeliveryStats stats;
  private final Map<Long, WalSegment> segments = new TreeMap<>();
  private final List<Record> recovered = new ArrayList<>();
  private WalSegment active;
  private long nextSequence;
  private long totalBytes;

  private WriteAheadLog(
      Path directory, long segmentBytes, long maxBytes, boolean fsync, DeliveryStats stats) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.maxBytes = maxBytes;
    this.fsync = fsync;
    this.stats = stats;
  }

  /**
   * Opens the log in {@code directory}, creating it if needed, and recovers earlier records.
   *
   * @param segmentBytes size after which a new segment file is started
   * @param maxBytes largest total size of all segments; appends beyond it are refused
   * @param fsync true to force every record to the device before {@link #append} returns
   * @throws IOException when the directory cannot be created or read
   */
  static WriteAheadLog open(
      Path directory, long segmentBytes, long maxBytes, boolean fsync, DeliveryStats stats)
      throws IOException {
    Files.createDirectories(directory);
    WriteAheadLog log = new WriteAheadLog(directory, segmentBytes, maxBytes, fsync, stats);
    log.recover();
    log.active = log.newSegment(log.segments.isEmpty() ? 1 : lastKey(log.segments) + 1);
    return log;
  }

  /** Returns the records found at startup that were never removed, oldest first. */
  List<Record> recovered() {
    return List.copyOf(recovered);
  }

  /** Returns the bytes currently used by all segments. */
  synchronized long usedBytes() {
    return totalBytes;
  }

  /**
   * Appends {@code payload} and returns its record once it is durable.
   *
   * @throws StorageFullException when the record would take the log beyond its size cap
   * @throws IOException when writing or forcing fails; nothing of the record is kept
   */
  Record append(byte[] payload) throws IOException {
    Record record;
    WalSegment segment;
    synchronized (this) {
      long frame = WalFrames.frameLength(payload.length);
      if (totalBytes + frame > maxBytes && active.pending == 0 && active.size > 0) {
        // The active segment holds only delivered records: start afresh to free its space.
        rotate();
      }
      if (totalBytes + frame > maxBytes) {
        throw new StorageFullException(totalBytes, maxBytes);
      }
      if (active.size > 0 && active.size + frame > segmentBytes) {
        rotate();
      }
      segment = active;
      record = new Record(nextSequence, segment.id, segment.size, payload.length);
      segment.write(WalFrames.frame(record.sequence(), payload), record.offset());
      nextSequence++;
      totalBytes += frame;
      segment.pending++;
    }
    if (fsync) {
      segment.force(record.offset() + record.frameLength());
    }
    return record;
  }

  /**
   * Returns the payload of {@code record}.
   *
   * @throws IOException when it cannot be read or no longer matches its checksum
   */
  byte[] read(Record record) throws IOException {
    WalSegment segment;
    synchronized (this) {
      segment = segments.get(record.segmentId());
    }
    if (segment == null) {
      throw new IOException("segment " + record.segmentId() + " is gone");
    }
    ByteBuffer frame = ByteBuffer.allocate((int) record.frameLength());
    segment.readFully(frame, record.offset());
    frame.flip();
    return WalFrames.payload(frame, record.sequence());
  }

  /** Marks {@code record} delivered (or dropped); deletes its segment once nothing is left. */
  synchronized void remove(Record record) {
    WalSegment segment = segments.get(record.segmentId());
    if (segment == null) {
      return;
    }
    try {
      segment.acknowledge(record.sequence());
    } catch (IOException e) {
      // The record will be sent again after a restart: a duplicate, never a loss.
      logger.log(Level.FINE, "cannot record delivery in " + segment.ackPath, e);
    }
    segment.pending--;
    if (segment.pending == 0 && segment != active) {
      delete(segment);
    }
  }

  @Override
  public synchronized void close() {
    for (WalSegment segment : segments.values()) {
      segment.close();
    }
  }

  private void rotate() throws IOException {
    WalSegment sealed = active;
    sealed.force(sealed.size);
    active = newSegment(sealed.id + 1);
    if (sealed.pending == 0) {
      delete(sealed);
    }
  }

  private WalSegment newSegment(long id) throws IOException {
    WalSegment segment = new WalSegment(id, segmentPath(id), ackPath(id), true);
    segments.put(id, segment);
    return segment;
  }

  private void delete(WalSegment segment) {
    segment.close();
    segments.remove(segment.id);
    totalBytes -= segment.size;
    try {
      Files.deleteIfExists(segment.ackPath);
      Files.deleteIfExists(segment.path);
    } catch (IOException e) {
      logger.log(Level.WARNING, "cannot delete delivered segment " + segment.path, e);
    }
  }

  private void recover() throws IOException {
    List<Long> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SEGMENT_SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        try {
          ids.add(Long.parseLong(name.substring(0, name.length() - SEGMENT_SUFFIX.length())));
        } catch (NumberFormatException e) {
          logger.warning("ignoring unexpected file in the queue directory: " + file);
        }
      }
    }
    ids.sort(null);
    for (long id : ids) {
      recoverSegment(id);
    }
  }

  private void recoverSegment(long id) throws IOException {
    Set<Long> acknowledged = readAcknowledged(ackPath(id));
    WalSegment segment = new WalSegment(id, segmentPath(id), ackPath(id), false);
    segments.put(id, segment);
    long end = segment.channel.size();
    long position = 0;
    ByteBuffer header = ByteBuffer.allocate(WalFrames.HEADER_BYTES);
    long lastSequence = -1;
    while (position < end) {
      byte[] body = WalFrames.readBody(segment, position, end, header);
      if (body == null) {
        long next = WalFrames.resynchronise(segment, position, end, lastSequence);
        if (next < 0) {
          skipCorruptTail(segment, position, end);
          end = position;
          break;
        }
        skipCorruptRegion(segment, position, next);
        position = next;
        continue;
      }
      long sequence = ByteBuffer.wrap(body).getLong();
      lastSequence = sequence;
      nextSequence = Math.max(nextSequence, sequence + 1);
      if (!acknowledged.contains(sequence)) {
        int payloadLength = body.length - WalFrames.SEQUENCE_BYTES;
        recovered.add(new Record(sequence, id, position, payloadLength));
        segment.pending++;
      }
      position += WalFrames.HEADER_BYTES + body.length;
    }
    segment.size = end;
    totalBytes += end;
    if (segment.pending == 0) {
      delete(segment);
    }
  }

  private void skipCorruptRegion(WalSegment segment, long from, long to) {
    stats.corruptRecords.increment();
    stats.corruptBytes.add(to - from);
    logger.warning(
        "write-ahead log segment "
            + segment.path
            + " is corrupt from offset "
            + from
            + " to "
            + to
            + "; skipped those "
            + (to - from)
            + " bytes and resumed at the next intact record");
  }

  private void skipCorruptTail(WalSegment segment, long position, long end) throws IOException {
    stats.corruptRecords.increment();
    stats.corruptBytes.add(end - position);
    logger.warning(
        "write-ahead log segment "
            + segment.path
            + " is cut short or corrupt at offset "
            + position
            + "; skipping the last "
            + (end - position)
            + " bytes (usually a crash during a write that was never acknowledged)");
    // Cut it off so that the same tail is not reported again at the next start.
    segment.channel.truncate(position);
  }

  private static Set<Long> readAcknowledged(Path ackPath) throws IOException {
    Set<Long> sequences = new HashSet<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(ackPath);
    } catch (NoSuchFileException e) {
      return sequences;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    // A torn last entry (fewer than 8 bytes) is ignored: that record is merely sent again.
    while (buffer.remaining() >= Long.BYTES) {
      sequences.add(buffer.getLong());
    }
    return sequences;
  }

  private Path segmentPath(long id) {
    return directory.resolve(String.format("%020d%s", id, SEGMENT_SUFFIX));
  }

  private Path ackPath(long id) {
    return directory.resolve(String.format("%020d%s", id, ACK_SUFFIX));
  }

  private static long lastKey(Map<Long, WalSegment> map) {
    return ((TreeMap<Long, WalSegment>) map).lastKey();
  }

  /** Refusal of an append that would exceed the size cap. */
  static final class StorageFullException extends IOException {
    private static final long serialVersionUID = 1L;

    StorageFullException(long used, long max) {
      super("queue storage is full: " + used + " of " + max + " bytes used");
    }
  }
}
