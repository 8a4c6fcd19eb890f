package dev.argus.server.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One segment file of a {@link WriteAheadLog} and its acknowledgement file. Writes and reads are
 * positional; {@link #size} is always a frame boundary.
 */
final class WalSegment {
  private static final Logger logger = Logger.getLogger(WalSegment.class.getName());

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

  WalSegment(long id, Path path, Path ackPath, boolean create) throws IOException {
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
