package dev.argus.server.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * An append-only log of requests on disk, in segment files, from which delivered records are
 * removed.
 *
 * <p>Each record is framed as {@code [int length][int crc32c][long sequence][payload]}, where the
 * checksum covers the sequence number and the payload. {@link #append} returns once the record is
 * written and, with {@code fsync} on, forced to the device; concurrent appenders share one force
 * (group commit). {@link #remove} appends the sequence number to the segment's {@code .ack} file
 * (not forced: a lost acknowledgement only causes a duplicate) and deletes the segment once all its
 * records are removed and a newer segment is being written.
 *
 * <p>{@link #open} reads every segment left by an earlier run and returns the records not yet
 * removed. A record that is cut short or fails its checksum ends the readable part of its segment:
 * the rest is counted, logged once and cut off, and the log opens normally. Thread-safe.
 */
final class WriteAheadLog implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(WriteAheadLog.class.getName());
  private static final String SEGMENT_SUFFIX = ".wal";
  private static final String ACK_SUFFIX = ".ack";
  private static final int HEADER_BYTES = 8;
  private static final int SEQUENCE_BYTES = 8;

  /** Where a record lives. */
  record Record(long sequence, long segmentId, long offset, int payloadLength) {
    long frameLength() {
      return HEADER_BYTES + SEQUENCE_BYTES + (long) payloadLength;
    }
  }

  private final Path directory;
  private final long segmentBytes;
  private final long maxBytes;
  private final boolean fsync;
  private final DeliveryStats stats;
  private final Map<Long, Segment> segments = new TreeMap<>();
  private final List<Record> recovered = new ArrayList<>();
  private Segment active;
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
    Segment segment;
    synchronized (this) {
      long frame = HEADER_BYTES + SEQUENCE_BYTES + (long) payload.length;
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
      segment.write(frame(record.sequence(), payload), record.offset());
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
    Segment segment;
    synchronized (this) {
      segment = segments.get(record.segmentId());
    }
    if (segment == null) {
      throw new IOException("segment " + record.segmentId() + " is gone");
    }
    ByteBuffer frame = ByteBuffer.allocate((int) record.frameLength());
    segment.readFully(frame, record.offset());
    frame.flip();
    frame.getInt();
    int crc = frame.getInt();
    if (checksum(frame.array(), HEADER_BYTES, frame.remaining()) != crc) {
      throw new IOException("record " + record.sequence() + " fails its checksum");
    }
    byte[] payload = new byte[record.payloadLength()];
    frame.position(HEADER_BYTES + SEQUENCE_BYTES);
    frame.get(payload);
    return payload;
  }

  /** Marks {@code record} delivered (or dropped); deletes its segment once nothing is left. */
  synchronized void remove(Record record) {
    Segment segment = segments.get(record.segmentId());
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
    for (Segment segment : segments.values()) {
      segment.close();
    }
  }

  private void rotate() throws IOException {
    Segment sealed = active;
    sealed.force(sealed.size);
    active = newSegment(sealed.id + 1);
    if (sealed.pending == 0) {
      delete(sealed);
    }
  }

  private Segment newSegment(long id) throws IOException {
    Segment segment = new Segment(id, segmentPath(id), ackPath(id), true);
    segments.put(id, segment);
    return segment;
  }

  private void delete(Segment segment) {
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
    Segment segment = new Segment(id, segmentPath(id), ackPath(id), false);
    segments.put(id, segment);
    long end = segment.channel.size();
    long position = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    long lastSequence = -1;
    while (position < end) {
      byte[] body = readFrameBody(segment, position, end, header);
      if (body == null) {
        long next = resynchronise(segment, position, end, lastSequence);
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
        recovered.add(new Record(sequence, id, position, body.length - SEQUENCE_BYTES));
        segment.pending++;
      }
      position += HEADER_BYTES + body.length;
    }
    segment.size = end;
    totalBytes += end;
    if (segment.pending == 0) {
      delete(segment);
    }
  }

  /** Returns the checked body (sequence and payload) of the frame at {@code position}, or null. */
  private static byte[] readFrameBody(Segment segment, long position, long end, ByteBuffer header)
      throws IOException {
    if (end - position < HEADER_BYTES + SEQUENCE_BYTES) {
      return null;
    }
    header.clear();
    segment.readFully(header, position);
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    if (length < SEQUENCE_BYTES || length > end - position - HEADER_BYTES) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    segment.readFully(body, position + HEADER_BYTES);
    return checksum(body.array(), 0, length) == crc ? body.array() : null;
  }

  /**
   * Returns the offset of the first intact frame after the damaged one at {@code damaged}, or -1
   * when none follows. A candidate must have a plausible length, a matching CRC32C and, when an
   * earlier record of the segment is known, a sequence number just after it (sequences within a
   * segment are consecutive, so at most one lost record per minimal frame size fits in the gap).
   */
  private static long resynchronise(Segment segment, long damaged, long end, long lastSequence)
      throws IOException {
    long remaining = end - damaged;
    if (remaining > Integer.MAX_VALUE) {
      return -1;
    }
    ByteBuffer rest = ByteBuffer.allocate((int) remaining);
    segment.readFully(rest, damaged);
    byte[] bytes = rest.array();
    ByteBuffer view = ByteBuffer.wrap(bytes);
    int minFrame = HEADER_BYTES + SEQUENCE_BYTES;
    for (int at = 1; at + minFrame <= bytes.length; at++) {
      int length = view.getInt(at);
      if (length < SEQUENCE_BYTES || length > bytes.length - at - HEADER_BYTES) {
        continue;
      }
      long sequence = view.getLong(at + HEADER_BYTES);
      if (lastSequence >= 0
          && (sequence <= lastSequence || sequence > lastSequence + 1 + at / minFrame + 1)) {
        continue;
      }
      if (checksum(bytes, at + HEADER_BYTES, length) == view.getInt(at + Integer.BYTES)) {
        return damaged + at;
      }
    }
    return -1;
  }

  private void skipCorruptRegion(Segment segment, long from, long to) {
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

  private void skipCorruptTail(Segment segment, long position, long end) throws IOException {
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

  private static ByteBuffer frame(long sequence, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + SEQUENCE_BYTES + payload.length);
    frame.putInt(SEQUENCE_BYTES + payload.length);
    frame.putInt(0);
    frame.putLong(sequence);
    frame.put(payload);
    frame.putInt(Integer.BYTES, checksum(frame.array(), HEADER_BYTES, frame.capacity() - 8));
    frame.flip();
    return frame;
  }

  private static int checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private Path segmentPath(long id) {
    return directory.resolve(String.format("%020d%s", id, SEGMENT_SUFFIX));
  }

  private Path ackPath(long id) {
    return directory.resolve(String.format("%020d%s", id, ACK_SUFFIX));
  }

  private static long lastKey(Map<Long, Segment> map) {
    return ((TreeMap<Long, Segment>) map).lastKey();
  }

  /** Refusal of an append that would exceed the size cap. */
  static final class StorageFullException extends IOException {
    private static final long serialVersionUID = 1L;

    StorageFullException(long used, long max) {
      super("queue storage is full: " + used + " of " + max + " bytes used");
    }
  }

  /** One segment file and its acknowledgement file. */
  private static final class Segment {
    final long id;
    final Path path;
    final Path ackPath;
    final FileChannel channel;
    private final Object forceLock = new Object();
    private FileChannel ackChannel;
    private volatile long forcedUpTo;
    // Only written under the log's lock, after a whole frame is written: always a frame boundary.
    volatile long size;
    int pending;

    Segment(long id, Path path, Path ackPath, boolean create) throws IOException {
      this.id = id;
      this.path = path;
      this.ackPath = ackPath;
      this.channel =
          create
              ? FileChannel.open(
                  path,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE)
              : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    void write(ByteBuffer frame, long position) throws IOException {
      try {
        long at = position;
        while (frame.hasRemaining()) {
          at += channel.write(frame, at);
        }
      } catch (IOException e) {
        // Leave no half record behind: it would read as a corrupt tail after a restart.
        channel.truncate(position);
        throw e;
      }
      size = position + frame.limit();
    }

    void readFully(ByteBuffer buffer, long position) throws IOException {
      long at = position;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, at);
        if (read < 0) {
          throw new IOException("unexpected end of " + path + " at " + at);
        }
        at += read;
      }
    }

    /** Forces the file up to at least {@code end}; one force serves every waiting appender. */
    void force(long end) throws IOException {
      if (forcedUpTo >= end) {
        return;
      }
      synchronized (forceLock) {
        if (forcedUpTo >= end) {
          return;
        }
        long target = size;
        channel.force(false);
        forcedUpTo = target;
      }
    }

    void acknowledge(long sequence) throws IOException {
      if (ackChannel == null) {
        ackChannel =
            FileChannel.open(
                ackPath,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      ByteBuffer entry = ByteBuffer.allocate(Long.BYTES).putLong(sequence).flip();
      while (entry.hasRemaining()) {
        ackChannel.write(entry);
      }
    }

    void close() {
      try {
        channel.close();
        if (ackChannel != null) {
          ackChannel.close();
        }
      } catch (IOException e) {
        logger.log(Level.FINE, "cannot close " + path, e);
      }
    }
  }
}
