package dev.argus.server.testing;

import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real OTLP/gRPC trace and log receiver on 127.0.0.1 that records what it receives, standing in
 * for the downstream collector. It can be told to fail trace exports with a status or to hold its
 * answers.
 */
public final class RecordingCollector implements AutoCloseable {
  private final BlockingQueue<ExportTraceServiceRequest> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<ExportLogsServiceRequest> logRequests = new LinkedBlockingQueue<>();
  private final List<Metadata> headers = new CopyOnWriteArrayList<>();
  private final Server server;
  private volatile Status failWith;
  private volatile CountDownLatch hold;

  /** Starts a collector on an ephemeral port. */
  public RecordingCollector() throws IOException {
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
              ServerCall<ReqT, RespT> call,
              Metadata metadata,
              ServerCallHandler<ReqT, RespT> next) {
            headers.add(metadata);
            return Contexts.interceptCall(io.grpc.Context.current(), call, metadata, next);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new Service(), recordHeaders))
            .addService(new LogsService())
            .build()
            .start();
  }

  /** Returns {@code 127.0.0.1:port}. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Makes every following export fail with {@code status}; null to succeed again. */
  public void failWith(Status status) {
    this.failWith = status;
  }

  /** Makes every following export wait for {@code latch} before answering. */
  public void holdUntil(CountDownLatch latch) {
    this.hold = latch;
  }

  /** Returns the next received request, waiting up to 10 seconds; fails when none arrives. */
  public ExportTraceServiceRequest take() throws InterruptedException {
    ExportTraceServiceRequest request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("downstream received no request within 10s");
    }
    return request;
  }

  /** Returns the next received request within {@code millis}, or null. */
  public ExportTraceServiceRequest poll(long millis) throws InterruptedException {
    return requests.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Returns the next received log request within {@code millis}, or null. */
  public ExportLogsServiceRequest pollLogs(long millis) throws InterruptedException {
    return logRequests.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Returns the next received log request, waiting up to 10 seconds; fails when none arrives. */
  public ExportLogsServiceRequest takeLogs() throws InterruptedException {
    ExportLogsServiceRequest request = pollLogs(10_000);
    if (request == null) {
      throw new AssertionError("downstream received no log request within 10s");
    }
    return request;
  }

  /** Returns the metadata of every call received so far. */
  public List<Metadata> headers() {
    return headers;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      try {
        CountDownLatch latch = hold;
        if (latch != null) {
          latch.await(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Status status = failWith;
      if (status != null) {
        response.onError(status.asRuntimeException());
        return;
      }
      requests.add(request);
      response.onNext(ExportTraceServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private final class LogsService extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(
        ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
      logRequests.add(request);
      response.onNext(ExportLogsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
