package dev.argus.server.receiver;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.argus.server.export.ExportException;
import dev.argus.server.security.ReceiverSecurity;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Receives OTLP trace exports over gRPC ({@code TraceService/Export}) and answers each one only
 * after its handler delivered it. gzip-compressed requests are accepted.
 *
 * <p>A delivery failure the sender should retry is answered with {@code UNAVAILABLE}, so that
 * collectors and SDKs keep and resend the data; a request the destination rejected as invalid is
 * answered with {@code INVALID_ARGUMENT}.
 */
public final class OtlpTraceReceiver implements AutoCloseable {
  private final OtlpGrpcReceiverConfig config;
  private final Server server;

  /** Creates a plaintext receiver without authentication; call {@link #start()} to bind. */
  public OtlpTraceReceiver(OtlpGrpcReceiverConfig config, TraceRequestHandler handler) {
    this(config, handler, ReceiverSecurity.NONE);
  }

  /**
   * Creates a receiver with the given front door; call {@link #start()} to bind.
   *
   * @throws java.io.UncheckedIOException when the TLS files cannot be read
   */
  public OtlpTraceReceiver(
      OtlpGrpcReceiverConfig config, TraceRequestHandler handler, ReceiverSecurity security) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(handler, "handler");
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
            .maxInboundMessageSize(config.maxRecvMsgSizeBytes())
            .addService(new TraceService(handler));
    this.server = security.apply(builder).build();
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public OtlpTraceReceiver start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** Returns the bound port, useful when the configured port was 0. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls and waits up to {@code timeoutMillis} for calls in flight. */
  public void shutdown(long timeoutMillis) {
    server.shutdown();
    try {
      if (!server.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(5_000);
  }

  /** Returns the status a sender receives for a failed delivery. */
  static Status toStatus(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof ExportException export) {
      Status status = export.retryable() ? Status.UNAVAILABLE : Status.INVALID_ARGUMENT;
      return status.withDescription(export.getMessage());
    }
    // An unexpected failure is ours, not the data's: ask the sender to keep the data and retry.
    return Status.UNAVAILABLE.withDescription("export failed: " + cause);
  }

  /**
   * Returns the error a sender receives for a failed delivery; a refusal that names a delay (a
   * full sending queue) carries it as {@code RetryInfo}, which OTLP senders honour.
   */
  static StatusRuntimeException toStatusException(Throwable failure) {
    Status status = toStatus(failure);
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (!(cause instanceof ExportException export) || export.retryDelay().isEmpty()) {
      return status.asRuntimeException();
    }
    Duration delay = export.retryDelay().get();
    RetryInfo retryInfo =
        RetryInfo.newBuilder()
            .setRetryDelay(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(delay.getSeconds())
                    .setNanos(delay.getNano()))
            .build();
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(status.getCode().value())
            .setMessage(status.getDescription() == null ? "" : status.getDescription())
            .addDetails(Any.pack(retryInfo))
            .build());
  }

  private static final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {
    private final TraceRequestHandler handler;

    TraceService(TraceRequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public void export(
        ExportTraceServiceRequest request,
        StreamObserver<ExportTraceServiceResponse> responseObserver) {
      CompletableFuture<ExportTraceServiceResponse> delivered;
      try {
        delivered = handler.handle(request);
      } catch (RuntimeException e) {
        delivered = CompletableFuture.failedFuture(e);
      }
      delivered.whenComplete(
          (response, failure) -> {
            if (failure != null) {
              responseObserver.onError(toStatusException(failure));
            } else {
              responseObserver.onNext(response);
              responseObserver.onCompleted();
            }
          });
    }
  }
}
