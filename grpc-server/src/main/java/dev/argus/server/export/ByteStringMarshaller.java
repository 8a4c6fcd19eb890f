package dev.argus.server.export;

import com.google.protobuf.ByteString;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a message that is already encoded: its bytes go into the gRPC frame as they are. Used to
 * forward a request in the bytes it was received in.
 */
final class ByteStringMarshaller implements MethodDescriptor.Marshaller<ByteString> {

  @Override
  public InputStream stream(ByteString bytes) {
    return new BytesStream(bytes);
  }

  @Override
  public ByteString parse(InputStream stream) {
    try {
      return ByteString.readFrom(stream);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes as a stream that tells gRPC its length and drains straight into the frame, as
   * protobuf's own stream does.
   */
  private static final class BytesStream extends InputStream implements KnownLength, Drainable {
    private final ByteString bytes;
    private int position;

    BytesStream(ByteString bytes) {
      this.bytes = bytes;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int remaining = bytes.size() - position;
      bytes.substring(position).writeTo(target);
      position = bytes.size();
      return remaining;
    }

    @Override
    public int read() {
      return position < bytes.size() ? bytes.byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (position == bytes.size()) {
        return length == 0 ? 0 : -1;
      }
      int count = Math.min(length, bytes.size() - position);
      bytes.copyTo(target, position, offset, count);
      position += count;
      return count;
    }

    @Override
    public int available() {
      return bytes.size() - position;
    }
  }
}
