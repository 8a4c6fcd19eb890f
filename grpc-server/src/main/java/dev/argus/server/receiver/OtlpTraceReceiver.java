package dev.argus.server.receiver;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import dev.argus.server.export.ExportException;
import dev.argus.server.export.ReceivedBytes;
import dev.argus.server.security.ReceiverSecurity;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Receives OTLP exports over gRPC ({@code TraceService/Export} and, when a log handler is given,
 * {@code LogsService/Export}) and answers each one only after its handler delivered it.
 * gzip-compressed requests are accepted.
 *
 * <p>Requests are read with {@link OtlpRequestDecoder}: a malformed span or log record is left out
 * and counted in the partial success of the answer, while the rest of the request is processed. A
 * message that cannot be read at all is answered {@code INVALID_ARGUMENT}; one larger than the
 * configured maximum after decompression, {@code RESOURCE_EXHAUSTED}. Broken gRPC framing (a length
 * prefix longer than the body, the compressed flag without {@code grpc-encoding}) is answered
 * {@code INTERNAL} by grpc-java before the call reaches this class.
 *
 * <p>A delivery failure the sender should retry is answered with {@code UNAVAILABLE}, so that
 * collectors and SDKs keep and resend the data; a request the destination rejected as invalid is
 * answered with {@code INVALID_ARGUMENT}.
 */
public final class OtlpTraceReceiver implements AutoCloseable {
  private final OtlpGrpcReceiverConfig config;
  private final Server server;
  private final ExecutorService traceExecutor;

  /** Creates a receiver of traces only; call {@link #start()} to bind. */
  public OtlpTraceReceiver(OtlpGrpcReceiverConfig config, TraceRequestHandler handler) {
    this(config, handler, null, new ReceiverCounters());
  }

  /**
   * Creates a receiver of traces and, when {@code logs} is not null, logs; call {@link #start()} to
   * bind.
   */
  public OtlpTraceReceiver(
      OtlpGrpcReceiverConfig config,
      TraceRequestHandler traces,
      LogRequestHandler logs,
      ReceiverCounters counters) {
    this(config, traces, logs, counters, ReceiverSecurity.NONE);
  }

  /**
   * Creates a receiver of traces and, when {@code logs} is not null, logs, behind {@code security}
   * (TLS, bearer token, concurrency cap); call {@link #start()} to bind.
   *
   * @throws UncheckedIOException when the TLS files cannot be read
   */
  public OtlpTraceReceiver(
      OtlpGrpcReceiverConfig config,
      TraceRequestHandler traces,
      LogRequestHandler logs,
      ReceiverCounters counters,
      ReceiverSecurity security) {
    this(config, traces, logs, counters, security, null);
  }

  /**
   * Creates a receiver as above that also remembers, in {@code receivedBytes}, the bytes of every
   * trace request read exactly as it came, so an exporter given the same memory can forward an
   * unchanged request without serialising it again.
   *
   * @param receivedBytes where to remember them, or null not to
   * @throws UncheckedIOException when the TLS files cannot be read
   */
  public OtlpTraceReceiver(
      OtlpGrpcReceiverConfig config,
      TraceRequestHandler traces,
      LogRequestHandler logs,
      ReceiverCounters counters,
      ReceiverSecurity security,
      ReceivedBytes receivedBytes) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(traces, "traces");
    Objects.requireNonNull(counters, "counters");
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
            .maxInboundMessageSize(config.maxRecvMsgSizeBytes())
            .addService(
                service(
                    TraceServiceGrpc.getExportMethod(),
                    new DecodingMarshaller<>(
                        OtlpRequestDecoder.TRACES,
                        receivedBytes == null ? (request, bytes) -> {} : receivedBytes::remember),
                    ExportTraceServiceResponse.getDefaultInstance(),
                    decoded -> dispatchTraces(decoded, traces, counters, receivedBytes),
                    counters));
    if (logs != null) {
      builder.addService(
          service(
              LogsServiceGrpc.getExportMethod(),
              new DecodingMarshaller<>(OtlpRequestDecoder.LOGS),
              ExportLogsServiceResponse.getDefaultInstance(),
              decoded -> Dispatch.logs(decoded, logs, counters),
              counters));
    }
    TransportWarnings.install();
    this.traceExecutor = TraceThreads.start("argus-otlp-traces");
    // Only trace exports run on the bounded threads.
    String traceExport = TraceServiceGrpc.getExportMethod().getFullMethodName();
    builder.callExecutor(
        new ServerCallExecutorSupplier() {
          @Override
          public <Q, P> Executor getExecutor(ServerCall<Q, P> call, Metadata headers) {
            return traceExport.equals(call.getMethodDescriptor().getFullMethodName())
                ? traceExecutor
                : null;
          }
        });
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

  /**
   * Stops accepting connections and calls without waiting: calls in flight go on, new ones are
   * refused. {@link #shutdown} then waits for those in flight.
   */
  public void stopAccepting() {
    server.shutdown();
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
    } finally {
      // After the server: calls still in flight finish on these threads.
      traceExecutor.shutdown();
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
   * Returns the error a sender receives for a failed delivery; a refusal that names a delay (a full
   * sending queue) carries it as {@code RetryInfo}, which OTLP senders honour.
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

  /**
   * Hands a decoded trace request to its handler. The exporter looks the request's bytes up while
   * the handler runs on this thread; once it returns they are of no more use, and held by the
   * thread until its next call they would keep the request alive long enough to be promoted.
   */
  private static CompletableFuture<ExportTraceServiceResponse> dispatchTraces(
      Decoded<ExportTraceServiceRequest> decoded,
      TraceRequestHandler traces,
      ReceiverCounters counters,
      ReceivedBytes receivedBytes) {
    try {
      return Dispatch.traces(decoded, traces, counters);
    } finally {
      if (receivedBytes != null) {
        receivedBytes.forget();
      }
    }
  }

  /** Builds the service of one export method, reading requests with {@code requests}. */
  private static <Q extends Message, P extends Message> ServerServiceDefinition service(
      MethodDescriptor<Q, P> method,
      DecodingMarshaller<Q> requests,
      P responsePrototype,
      Function<Decoded<Q>, CompletableFuture<P>> dispatch,
      ReceiverCounters counters) {
    MethodDescriptor<DecodingMarshaller.Received<Q>, P> lenient =
        method.toBuilder(requests, ProtoUtils.marshaller(responsePrototype)).build();
    return ServerServiceDefinition.builder(method.getServiceName())
        .addMethod(
            lenient,
            ServerCalls.asyncUnaryCall(
                (received, observer) -> export(received, dispatch, counters, observer)))
        .build();
  }

  private static <Q extends Message, P> void export(
      DecodingMarshaller.Received<Q> received,
      Function<Decoded<Q>, CompletableFuture<P>> dispatch,
      ReceiverCounters counters,
      StreamObserver<P> observer) {
    if (received.failure() != null) {
      counters.invalid(String.valueOf(received.failure().getDescription()));
      observer.onError(received.failure().asRuntimeException());
      return;
    }
    dispatch
        .apply(received.decoded())
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                observer.onError(toStatusException(failure));
              } else {
                observer.onNext(response);
                observer.onCompleted();
              }
            });
  }
}
