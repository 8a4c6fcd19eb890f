package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.server.testing.LogCapture;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broken gRPC message frame is refused by grpc-java with {@code INTERNAL}, as the gRPC status
 * codes prescribe, before ARGUS sees the call; a well-framed body that is not a protobuf request is
 * refused by ARGUS with {@code INVALID_ARGUMENT}. The frames are written by hand, since a gRPC
 * client never sends them broken.
 */
class GrpcFramingErrorsTest {
  private static final byte UNCOMPRESSED = 0;
  private static final byte COMPRESSED = 1;
  private static final byte[] NOT_PROTOBUF = {0x0a, 0x7f, 0x01};
  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;

  private final ReceiverCounters counters = new ReceiverCounters();

  private OtlpTraceReceiver receiver;

  @BeforeEach
  void start() {
    receiver =
        new OtlpTraceReceiver(
                new OtlpGrpcReceiverConfig("127.0.0.1", 0, 4 * 1024 * 1024),
                request ->
                    CompletableFuture.completedFuture(
                        ExportTraceServiceResponse.getDefaultInstance()),
                request ->
                    CompletableFuture.completedFuture(
                        ExportLogsServiceResponse.getDefaultInstance()),
                counters)
            .start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void lengthPrefixLongerThanTheBody_isInternal() throws Exception {
    byte[] message = frame(UNCOMPRESSED, 100, new byte[10]);

    assertEquals(Status.Code.INTERNAL.value(), grpcStatus(message));
    assertEquals(0, counters.invalidRequestCount(), "refused before ARGUS read it");
  }

  @Test
  void compressedFlagWithoutGrpcEncoding_isInternal() throws Exception {
    byte[] message = frame(COMPRESSED, 0, new byte[0]);

    assertEquals(Status.Code.INTERNAL.value(), grpcStatus(message));
    assertEquals(0, counters.invalidRequestCount(), "refused before ARGUS read it");
  }

  @Test
  void repeatedBrokenFrames_logNoStackTrace() throws Exception {
    List<LogRecord> logged;
    try (LogCapture log = new LogCapture(TransportWarnings.STREAM_LOGGER)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(
            Status.Code.INTERNAL.value(), grpcStatus(frame(UNCOMPRESSED, 100, new byte[10])));
      }
      logged = log.records();
    }

    // The transport's own warning, with its stack trace, never reaches the log; ARGUS's condensed
    // line does instead.
    assertEquals(List.of(), logged);
  }

  @Test
  void wellFramedBodyThatIsNotProtobuf_isInvalidArgument() throws Exception {
    byte[] message = frame(UNCOMPRESSED, NOT_PROTOBUF.length, NOT_PROTOBUF);

    assertEquals(Status.Code.INVALID_ARGUMENT.value(), grpcStatus(message));
    assertEquals(1, counters.invalidRequestCount());
  }

  /** A gRPC length-prefixed message: flag, the length it claims, then the bytes it has. */
  private static byte[] frame(byte flag, int claimedLength, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put(flag).putInt(claimedLength).put(body).array();
  }

  /**
   * Sends {@code message} as the whole body of a trace export on a new HTTP/2 connection and
   * returns the {@code grpc-status} of the answer.
   */
  private int grpcStatus(byte[] message) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      writeFrame(out, FrameType.SETTINGS, 0, 0, new byte[0]);
      writeFrame(out, FrameType.HEADERS, END_HEADERS, 1, requestHeaders());
      writeFrame(out, FrameType.DATA, END_STREAM, 1, message);
      out.flush();
      Http2Headers trailers = readTrailers(socket, out);
      return Integer.parseInt(trailers.get("grpc-status").toString());
    }
  }

  private byte[] requestHeaders() throws IOException {
    Http2Headers headers =
        new DefaultHttp2Headers()
            .method("POST")
            .scheme("http")
            .authority("127.0.0.1:" + receiver.port())
            .path("/" + TraceServiceGrpc.getExportMethod().getFullMethodName())
            .set("content-type", "application/grpc")
            .set("te", "trailers");
    ByteBuf block = Unpooled.buffer();
    try {
      new DefaultHttp2HeadersEncoder().encodeHeaders(1, headers, block);
      byte[] bytes = new byte[block.readableBytes()];
      block.readBytes(bytes);
      return bytes;
    } catch (Http2Exception e) {
      throw new IOException(e);
    } finally {
      block.release();
    }
  }

  /** Reads frames until stream 1 ends with a header block, and returns that block. */
  private static Http2Headers readTrailers(Socket socket, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    while (true) {
      int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int stream = in.readInt() & Integer.MAX_VALUE;
      byte[] payload = in.readNBytes(length);
      if (type == FrameType.SETTINGS && (flags & ACK) == 0) {
        writeFrame(out, FrameType.SETTINGS, ACK, 0, new byte[0]);
      } else if (type == FrameType.RST_STREAM || type == FrameType.GOAWAY) {
        throw new IOException("the server reset the stream or connection, frame type " + type);
      } else if (stream == 1 && (type == FrameType.HEADERS || type == FrameType.CONTINUATION)) {
        block.write(payload);
        if ((flags & END_HEADERS) == 0) {
          continue;
        }
        Http2Headers headers = decode(decoder, block.toByteArray());
        block.reset();
        if ((flags & END_STREAM) != 0) {
          return headers;
        }
      }
    }
  }

  private static Http2Headers decode(DefaultHttp2HeadersDecoder decoder, byte[] block)
      throws IOException {
    try {
      return decoder.decodeHeaders(1, Unpooled.wrappedBuffer(block));
    } catch (Http2Exception e) {
      throw new IOException(e);
    }
  }

  private static void writeFrame(OutputStream out, int type, int flags, int stream, byte[] payload)
      throws IOException {
    ByteBuffer header = ByteBuffer.allocate(9);
    header.put((byte) (payload.length >>> 16)).putShort((short) payload.length);
    header.put((byte) type).put((byte) flags).putInt(stream);
    out.write(header.array());
    out.write(payload);
  }

  /** HTTP/2 frame types (RFC 9113, section 6). */
  private static final class FrameType {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int GOAWAY = 0x7;
    static final int CONTINUATION = 0x9;
  }
}
