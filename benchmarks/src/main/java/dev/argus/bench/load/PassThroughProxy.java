package dev.argus.bench.load;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the load test: a bare OTLP/gRPC proxy with no ARGUS logic. It receives {@code
 * TraceService/Export}, parses the request into the protobuf message (the stock gRPC marshaller),
 * re-serialises it to forward it to the downstream sink, and answers the caller once the sink has
 * accepted the request, so no span is held or lost.
 *
 * <p>Prints {@code LISTENING <port>} once ready and exits when stdin closes.
 *
 * <p>Run alone: {@code java -cp benchmarks.jar dev.argus.bench.load.PassThroughProxy
 * <downstream-port> [port]}.
 */
public final class PassThroughProxy extends TraceServiceGrpc.TraceServiceImplBase {
  private static final long FORWARD_TIMEOUT_SECONDS = 30;

  private final TraceServiceGrpc.TraceServiceStub downstream;

  private PassThroughProxy(ManagedChannel channel) {
    this.downstream = TraceServiceGrpc.newStub(channel);
  }

  /** Starts the proxy: {@code <downstream-port> [listen-port]}, both on 127.0.0.1. */
  public static void main(String[] args) throws Exception {
    int downstreamPort = Integer.parseInt(args[0]);
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", downstreamPort)
            .usePlaintext()
            .maxInboundMessageSize(ChildProcess.MAX_MESSAGE_BYTES)
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .maxInboundMessageSize(ChildProcess.MAX_MESSAGE_BYTES)
            .addService(new PassThroughProxy(channel))
            .build()
            .start();
    System.out.println("LISTENING " + server.getPort());
    System.out.flush();
    awaitEndOfInput(System.in);
    server.shutdownNow();
    channel.shutdownNow();
  }

  @Override
  public void export(
      ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> caller) {
    downstream
        .withDeadlineAfter(FORWARD_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .export(
            request,
            new StreamObserver<>() {
              @Override
              public void onNext(ExportTraceServiceResponse response) {
                caller.onNext(response);
              }

              @Override
              public void onError(Throwable error) {
                caller.onError(error);
              }

              @Override
              public void onCompleted() {
                caller.onCompleted();
              }
            });
  }

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Input is ignored; its end means the parent has gone.
    }
  }
}
