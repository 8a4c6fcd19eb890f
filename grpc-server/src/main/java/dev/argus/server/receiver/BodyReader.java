package dev.argus.server.receiver;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory, inflating gzip, and stops as soon as the (inflated) size passes
 * the limit, so a decompression bomb costs at most the limit in memory.
 */
final class BodyReader {
  private static final int CHUNK = 8192;

  private BodyReader() {}

  /** Thrown when the body is larger than the limit. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(int limit) {
      super("body larger than " + limit + " bytes after decompression");
    }
  }

  /** Thrown when the body is not the gzip its header claims. */
  static final class BadEncodingException extends IOException {
    private static final long serialVersionUID = 1L;

    BadEncodingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Returns the body of {@code in}, inflated when {@code gzip}.
   *
   * @throws TooLargeException when it is larger than {@code limit} bytes
   * @throws BadEncodingException when {@code gzip} is set but the body is not gzip
   * @throws IOException when reading fails
   */
  static byte[] read(InputStream in, boolean gzip, int limit) throws IOException {
    if (!gzip) {
      return readCapped(in, limit);
    }
    try (InputStream inflated = new GZIPInputStream(in, CHUNK)) {
      return readCapped(inflated, limit);
    } catch (ZipException e) {
      throw new BadEncodingException(
          "Content-Encoding is gzip but the body is not valid gzip: " + e.getMessage(), e);
    } catch (EOFException e) {
      // An empty or cut body: the stream gives no message of its own.
      throw new BadEncodingException(
          "Content-Encoding is gzip but the body is not valid gzip: it ends before the gzip "
              + "stream does",
          e);
    }
  }

  private static byte[] readCapped(InputStream in, int limit) throws IOException {
    byte[] buffer = new byte[Math.min(limit + 1, CHUNK)];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        if (size > limit) {
          throw new TooLargeException(limit);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) limit + 1, (long) size * 2));
      }
      int read = in.read(buffer, size, buffer.length - size);
      if (read < 0) {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
      }
      size += read;
      if (size > limit) {
        throw new TooLargeException(limit);
      }
    }
  }
}
