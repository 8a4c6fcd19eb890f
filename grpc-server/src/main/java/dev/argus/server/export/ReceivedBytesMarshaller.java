package dev.argus.server.export;

import com.google.protobuf.ByteString;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a trace request as the bytes it was received in when {@link ReceivedBytes} knows them,
 * and serialises it as protobuf's own marshaller does otherwise.
 */
final class ReceivedBytesMarshaller
    implements MethodDescriptor.Marshaller<ExportTraceServiceRequest> {
  private static final MethodDescriptor.Marshaller<ExportTraceServiceRequest> PROTOBUF =
      ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance());

  private final ReceivedBytes received;

  ReceivedBytesMarshaller(ReceivedBytes received) {
    this.received = received;
  }

  @Override
  public InputStream stream(ExportTraceServiceRequest request) {
    ByteString bytes = received.of(request);
    return bytes == null ? PROTOBUF.stream(request) : new BytesStream(bytes);
  }

  @Override
  public ExportTraceServiceRequest parse(InputStream stream) {
    return PROTOBUF.parse(stream);
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
