package dev.argus.server.testing;

import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.replay.RawBytesMarshaller;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends OTLP requests to a running ARGUS over real sockets on 127.0.0.1: OTLP/HTTP with the JDK
 * client and OTLP/gRPC with a grpc-java channel.
 */
public final class OtlpSender implements AutoCloseable {
  private static final MethodDescriptor.Marshaller<byte[]> RAW = RawBytesMarshaller.INSTANCE;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int httpPort;
  private final ManagedChannel channel;

  /** Creates a sender to the given ARGUS ports. */
  public OtlpSender(int grpcPort, int httpPort) {
    this.httpPort = httpPort;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  /**
   * POSTs {@code body} to {@code path}; {@code headers} are name-value pairs.
   *
   * @return the response, with its body as bytes
   */
  public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return postAsync(path, contentType, body, headers).join();
  }

  /** POSTs without waiting for the answer. */
  public CompletableFuture<HttpResponse<byte[]>> postAsync(
      String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends a request with another method. */
  public HttpResponse<byte[]> send(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Calls {@code TraceService/Export} with {@code request} as the message bytes, unparsed, and
   * returns the response bytes: for requests protobuf-java would refuse to build.
   */
  public byte[] rawTraces(byte[] request) {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(TraceServiceGrpc.getExportMethod().getFullMethodName())
            .setRequestMarshaller(RAW)
            .setResponseMarshaller(RAW)
            .build();
    return ClientCalls.blockingUnaryCall(
        channel, method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
  }

  /** Returns a blocking trace stub with a 20 s deadline. */
  public TraceServiceGrpc.TraceServiceBlockingStub traces() {
    return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** Returns a future trace stub with a 20 s deadline. */
  public TraceServiceGrpc.TraceServiceFutureStub tracesAsync() {
    return TraceServiceGrpc.newFutureStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** Returns a blocking logs stub with a 20 s deadline. */
  public LogsServiceGrpc.LogsServiceBlockingStub logs() {
    return LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** Returns a future logs stub with a 20 s deadline. */
  public LogsServiceGrpc.LogsServiceFutureStub logsAsync() {
    return LogsServiceGrpc.newFutureStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** Returns the bytes of the test resource {@code path} (without a leading slash). */
  public static byte[] resource(String path) {
    try (InputStream in = OtlpSender.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Returns the body of an OTLP/HTTP answer as text. */
  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Returns the OTLP/JSON trace export response in the body of {@code response}. */
  public static ExportTraceServiceResponse traceResponse(HttpResponse<byte[]> response) {
    ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
    OtlpJson.merge(text(response), answer);
    return answer.build();
  }
}
