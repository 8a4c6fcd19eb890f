package dev.argus.server.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiConsumer;

/**
 * Reads gRPC request messages with {@link OtlpRequestDecoder} instead of protobuf's parser, so that
 * one malformed span (invalid UTF-8, bad ids) no longer fails the whole call with {@code INTERNAL}.
 * A message that cannot be read at all is passed on as a {@link Received} with the status to
 * answer: {@code INVALID_ARGUMENT}, or {@code RESOURCE_EXHAUSTED} when the server's size limit
 * stopped the reading of an oversized (or decompression-bomb) message before it was fully inflated.
 *
 * @param <R> the request type
 */
final class DecodingMarshaller<R extends Message>
    implements MethodDescriptor.Marshaller<DecodingMarshaller.Received<R>> {

  /**
   * A request as read from the wire.
   *
   * @param decoded the decoded request, or null when it could not be read
   * @param failure the status to answer when it could not be read, or null
   */
  record Received<R extends Message>(Decoded<R> decoded, Status failure) {}

  private final OtlpRequestDecoder<R> decoder;
  private final BiConsumer<? super R, ByteString> exactBytes;

  DecodingMarshaller(OtlpRequestDecoder<R> decoder) {
    this(decoder, (request, bytes) -> {});
  }

  /**
   * Creates a marshaller that hands every request read exactly as it came, with its bytes, to
   * {@code exactBytes} (see {@link OtlpRequestDecoder#decodeProtobuf(ByteString, BiConsumer)}).
   */
  DecodingMarshaller(OtlpRequestDecoder<R> decoder, BiConsumer<? super R, ByteString> exactBytes) {
    this.decoder = decoder;
    this.exactBytes = exactBytes;
  }

  @Override
  public InputStream stream(Received<R> value) {
    // Requests only flow into the server; it never writes one.
    throw new UnsupportedOperationException("requests are not serialized by the server");
  }

  @Override
  public Received<R> parse(InputStream stream) {
    ByteString bytes;
    try {
      bytes = readFully(stream);
    } catch (StatusRuntimeException e) {
      // The size limit, enforced while inflating. Thrown from here it would reach the sender as
      // UNKNOWN, so the service answers it instead.
      return new Received<>(null, e.getStatus());
    } catch (IOException e) {
      return new Received<>(
          null,
          Status.INVALID_ARGUMENT.withDescription(
              "cannot read the request message: " + e.getMessage()));
    }
    try {
      return new Received<>(decoder.decodeProtobuf(bytes, exactBytes), null);
    } catch (InvalidRequestException e) {
      return new Received<>(null, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
    }
  }

  /**
   * Reads the whole message. gRPC hands over an uncompressed message as a stream that knows its
   * length: read into one array, it parses from memory, several times faster than from the chain of
   * small chunks that {@link ByteString#readFrom(InputStream)} builds when the length is not known
   * (a compressed message).
   */
  static ByteString readFully(InputStream stream) throws IOException {
    int known = stream.available();
    if (known <= 0) {
      return ByteString.readFrom(stream);
    }
    byte[] bytes = new byte[known];
    int read = stream.readNBytes(bytes, 0, known);
    ByteString head = UnsafeByteOperations.unsafeWrap(bytes, 0, read);
    // available() is only a promise of what can be read without blocking; anything beyond it
    // is read the slow way.
    return read < known ? head : head.concat(ByteString.readFrom(stream));
  }
}
