package dev.argus.server.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk form of a {@link WriteAheadLog} record, {@code [int length][int crc32c][long
 * sequence][payload]}, where the length counts the sequence and the payload and the checksum covers
 * both; and the reading of frames back from a segment, including finding the next intact frame
 * after a damaged one.
 */
final class WalFrames {
  /** Bytes of the length and checksum that start every frame. */
  static final int HEADER_BYTES = 8;

  /** Bytes of the sequence number that starts every frame's body. */
  static final int SEQUENCE_BYTES = 8;

  private static final int MIN_FRAME = HEADER_BYTES + SEQUENCE_BYTES;

  private WalFrames() {}

  /** Returns the length of the frame of a {@code payloadLength}-byte payload. */
  static long frameLength(int payloadLength) {
    return MIN_FRAME + (long) payloadLength;
  }

  /** Returns the frame of {@code payload} under {@code sequence}, ready to write. */
  static ByteBuffer frame(long sequence, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(MIN_FRAME + payload.length);
    frame.putInt(SEQUENCE_BYTES + payload.length);
    frame.putInt(0);
    frame.putLong(sequence);
    frame.put(payload);
    frame.putInt(Integer.BYTES, checksum(frame.array(), HEADER_BYTES, frame.capacity() - 8));
    frame.flip();
    return frame;
  }

  /**
   * Returns the payload of a whole frame read from disk.
   *
   * @throws IOException when the frame no longer matches its checksum
   */
  static byte[] payload(ByteBuffer frame, long sequence) throws IOException {
    frame.getInt();
    int crc = frame.getInt();
    if (checksum(frame.array(), HEADER_BYTES, frame.remaining()) != crc) {
      throw new IOException("record " + sequence + " fails its checksum");
    }
    byte[] payload = new byte[frame.capacity() - MIN_FRAME];
    frame.position(MIN_FRAME);
    frame.get(payload);
    return payload;
  }

  /**
   * Returns the checked body (sequence and payload) of the frame at {@code position}, or null when
   * it is cut short or fails its checksum.
   */
  static byte[] readBody(WalSegment segment, long position, long end, ByteBuffer header)
      throws IOException {
    if (end - position < MIN_FRAME) {
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
  static long resynchronise(WalSegment segment, long damaged, long end, long lastSequence)
      throws IOException {
    long remaining = end - damaged;
    if (remaining > Integer.MAX_VALUE) {
      return -1;
    }
    ByteBuffer rest = ByteBuffer.allocate((int) remaining);
    segment.readFully(rest, damaged);
    byte[] bytes = rest.array();
    ByteBuffer view = ByteBuffer.wrap(bytes);
    for (int at = 1; at + MIN_FRAME <= bytes.length; at++) {
      int length = view.getInt(at);
      if (length < SEQUENCE_BYTES || length > bytes.length - at - HEADER_BYTES) {
        continue;
      }
      long sequence = view.getLong(at + HEADER_BYTES);
      if (lastSequence >= 0
          && (sequence <= lastSequence || sequence > lastSequence + 1 + at / MIN_FRAME + 1)) {
        continue;
      }
      if (checksum(bytes, at + HEADER_BYTES, length) == view.getInt(at + Integer.BYTES)) {
        return damaged + at;
      }
    }
    return -1;
  }

  private static int checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
