package dev.argus.server.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads gRPC request messages with {@link OtlpRequestDecoder} instead of protobuf's parser, so
 * that one malformed span (invalid UTF-8, bad ids) no longer fails the whole call with {@code
 * INTERNAL}. A message that cannot be read at all is passed on as a {@link Received} with an
 * error, answered {@code INVALID_ARGUMENT} by the service. The size limit of the server still
 * applies while reading: an oversized (or decompression-bomb) message fails the call with {@code
 * RESOURCE_EXHAUSTED} before it is fully inflated.
 *
 * @param <R> the request type
 */
final class DecodingMarshaller<R extends Message>
    implements MethodDescriptor.Marshaller<DecodingMarshaller.Received<R>> {

  /**
   * A request as read from the wire.
   *
   * @param decoded the decoded request, or null when it could not be read
   * @param error why it could not be read, or null
   */
  record Received<R extends Message>(Decoded<R> decoded, String error) {}

  private final OtlpRequestDecoder<R> decoder;

  DecodingMarshaller(OtlpRequestDecoder<R> decoder) {
    this.decoder = decoder;
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
      bytes = ByteString.readFrom(stream);
    } catch (IOException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("cannot read the request message: " + e.getMessage())
          .withCause(e)
          .asRuntimeException();
    }
    try {
      return new Received<>(decoder.decodeProtobuf(bytes), null);
    } catch (InvalidRequestException e) {
      return new Received<>(null, e.getMessage());
    }
  }
}
