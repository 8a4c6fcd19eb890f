package dev.argus.server.export;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.argus.server.security.ClientTlsConfig;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Forwards trace and log requests to a downstream OTLP/gRPC receiver, typically the next collector,
 * over one channel ({@code TraceService} and {@code LogsService}).
 *
 * <p>The future of {@link #export} completes when the downstream answered OK, and fails with an
 * {@link ExportException} otherwise. Only a downstream {@code INVALID_ARGUMENT} (the data itself is
 * rejected) and a {@code RESOURCE_EXHAUSTED} for the message's size are permanent; every other
 * failure, including an unreachable endpoint, a timeout and an authentication error, is retryable,
 * so that the sender keeps the data until this side is fixed. The exception's message is short and
 * stable ({@code downstream unavailable: connection refused}); grpc-java's own description of the
 * failure is kept for the log only. Thread-safe.
 */
public final class OtlpGrpcTraceExporter implements TraceExporter, LogExporter {
  private static final long RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final OtlpGrpcExporterConfig config;
  private final ManagedChannel channel;
  private final TraceServiceGrpc.TraceServiceStub stub;
  // The export method for a request already encoded: same service and name, bytes as sent.
  private final MethodDescriptor<ByteString, ExportTraceServiceResponse> encodedExport;
  private final ReceivedBytes receivedBytes;
  private final LogsServiceGrpc.LogsServiceStub logsStub;
  // System.nanoTime() of the last request for an early reconnect.
  private final AtomicLong lastReconnectRequest =
      new AtomicLong(System.nanoTime() - RECONNECT_INTERVAL_NANOS);

  /** Creates an exporter; the connection is opened lazily on the first export. */
  public OtlpGrpcTraceExporter(OtlpGrpcExporterConfig config) {
    this(config, null);
  }

  /**
   * Creates an exporter that uses {@code tls} (CA and client certificate) for a TLS endpoint.
   *
   * @param tls TLS files, or null for the JDK's trust store and no client certificate
   * @throws UncheckedIOException when the TLS files cannot be read
   */
  public OtlpGrpcTraceExporter(OtlpGrpcExporterConfig config, ClientTlsConfig tls) {
    this(config, tls, null);
  }

  /**
   * Creates an exporter as above that sends a request whose received bytes {@code receivedBytes}
   * knows as those bytes, without serialising it again.
   *
   * @param receivedBytes the bytes the receiver remembered, or null to serialise every request
   * @throws UncheckedIOException when the TLS files cannot be read
   */
  public OtlpGrpcTraceExporter(
      OtlpGrpcExporterConfig config, ClientTlsConfig tls, ReceivedBytes receivedBytes) {
    this.config = config;
    this.receivedBytes = receivedBytes;
    this.encodedExport =
        TraceServiceGrpc.getExportMethod().toBuilder(
                new ByteStringMarshaller(),
                ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
            .build();
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(config.target());
    if (config.plaintext()) {
      builder.usePlaintext();
    } else if (tls != null && !tls.isDefault()) {
      try {
        builder.sslContext(tls.grpcClientContext());
      } catch (IOException | IllegalArgumentException e) {
        throw new UncheckedIOException(
            "cannot load exporter TLS files: " + e.getMessage(),
            e instanceof IOException io ? io : new IOException(e));
      }
    } else {
      builder.useTransportSecurity();
    }
    this.channel = builder.build();
    this.stub = configure(TraceServiceGrpc.newStub(channel), config);
    this.logsStub = configure(LogsServiceGrpc.newStub(channel), config);
  }

  private static <S extends AbstractStub<S>> S configure(S stub, OtlpGrpcExporterConfig config) {
    if (!config.headers().isEmpty()) {
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata(config)));
    }
    if (config.gzip()) {
      stub = stub.withCompression("gzip");
    }
    return stub;
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
    CompletableFuture<ExportTraceServiceResponse> result = new CompletableFuture<>();
    Deadline deadline = deadline();
    ResultObserver<ExportTraceServiceResponse> observer =
        new ResultObserver<>(
            result,
            ExportTraceServiceResponse.getDefaultInstance(),
            deadline,
            config.timeout(),
            this::reconnectSoonAfter);
    // Looked up here, on the thread that received the request when it is forwarded unchanged.
    ByteString received = receivedBytes == null ? null : receivedBytes.of(request);
    // Detached from the caller's gRPC context: a held span may be forwarded while another
    // inbound call is being handled, and that call ending must not cancel this export.
    Context.ROOT.run(
        () -> {
          TraceServiceGrpc.TraceServiceStub call = stub.withDeadline(deadline);
          if (received == null) {
            call.export(request, observer);
          } else {
            // The stub's own call, with the method that sends the bytes as they are.
            ClientCalls.asyncUnaryCall(
                call.getChannel().newCall(encodedExport, call.getCallOptions()),
                received,
                observer);
          }
        });
    return result;
  }

  @Override
  public CompletableFuture<ExportLogsServiceResponse> export(ExportLogsServiceRequest request) {
    CompletableFuture<ExportLogsServiceResponse> result = new CompletableFuture<>();
    Deadline deadline = deadline();
    ResultObserver<ExportLogsServiceResponse> observer =
        new ResultObserver<>(
            result,
            ExportLogsServiceResponse.getDefaultInstance(),
            deadline,
            config.timeout(),
            this::reconnectSoonAfter);
    Context.ROOT.run(() -> logsStub.withDeadline(deadline).export(request, observer));
    return result;
  }

  /**
   * Asks the channel to try connecting again now, at most once a second, after a call failed for
   * want of a connection. grpc-java waits longer and longer between attempts to reach a downstream
   * that is down, up to two minutes; without this, senders retrying after an outage would be
   * refused for up to that long after the downstream came back.
   */
  private void reconnectSoonAfter(Throwable failure) {
    if (Status.fromThrowable(failure).getCode() != Status.Code.UNAVAILABLE) {
      return;
    }
    long now = System.nanoTime();
    long last = lastReconnectRequest.get();
    if (now - last >= RECONNECT_INTERVAL_NANOS && lastReconnectRequest.compareAndSet(last, now)) {
      channel.resetConnectBackoff();
    }
  }

  // Kept by the caller so that a DEADLINE_EXCEEDED can be told apart: this side's deadline passed,
  // or the downstream answered that code itself.
  private Deadline deadline() {
    return Deadline.after(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public int knownSize(ExportTraceServiceRequest request) {
    ByteString bytes = receivedBytes == null ? null : receivedBytes.of(request);
    return bytes == null ? -1 : bytes.size();
  }

  @Override
  public String describe() {
    return "otlp " + config.endpoint();
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the exception that a downstream failure {@code t} maps to, with the delay of any {@code
   * RetryInfo} the downstream attached; {@code timedOut} tells that the call's deadline of {@code
   * timeout} had passed, so that the sender is told so in those words.
   */
  static ExportException toExportException(Throwable t, boolean timedOut, Duration timeout) {
    return toExportException(Status.fromThrowable(t), retryInfoDelay(t), timedOut, timeout);
  }

  private static ExportException toExportException(
      Status status, Duration retryDelay, boolean timedOut, Duration timeout) {
    // For a request forwarded synchronously, only rejected data is final for the sender; the
    // sending queue applies the stricter retry table of RetryPolicy instead.
    boolean retryable = status.getCode() != Status.Code.INVALID_ARGUMENT;
    retryable &= !tooLarge(status);
    return ExportException.grpc(
        retryable,
        status.getCode(),
        GrpcFailureText.forSender(status, timedOut, timeout),
        GrpcFailureText.detail(status),
        status.getCause(),
        retryDelay);
  }

  /** Returns the delay of the {@code RetryInfo} detail in a gRPC failure, or null. */
  static Duration retryInfoDelay(Throwable t) {
    com.google.rpc.Status details = StatusProto.fromThrowable(t);
    if (details == null) {
      return null;
    }
    for (Any detail : details.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
          return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
        } catch (InvalidProtocolBufferException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Returns true when the downstream refused the message for its size (grpc-java and grpc-go word
   * it so): the same request can never pass, so retrying it would loop for ever.
   */
  static boolean tooLarge(Status status) {
    if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED || status.getDescription() == null) {
      return false;
    }
    String description = status.getDescription().toLowerCase(Locale.ROOT);
    return description.contains("exceeds maximum size") || description.contains("larger than max");
  }

  private static Metadata metadata(OtlpGrpcExporterConfig config) {
    Metadata metadata = new Metadata();
    for (Map.Entry<String, String> header : config.headers().entrySet()) {
      metadata.put(
          Metadata.Key.of(header.getKey(), Metadata.ASCII_STRING_MARSHALLER), header.getValue());
    }
    return metadata;
  }

  /** Completes the future with the single response or the failure. */
  private static final class ResultObserver<T> implements StreamObserver<T> {
    private final CompletableFuture<T> result;
    private final Deadline deadline;
    private final Duration timeout;
    private final Consumer<Throwable> onFailure;
    private T response;

    ResultObserver(
        CompletableFuture<T> result,
        T empty,
        Deadline deadline,
        Duration timeout,
        Consumer<Throwable> onFailure) {
      this.result = result;
      this.response = empty;
      this.deadline = deadline;
      this.timeout = timeout;
      this.onFailure = onFailure;
    }

    @Override
    public void onNext(T value) {
      response = value;
    }

    @Override
    public void onError(Throwable t) {
      onFailure.accept(t);
      result.completeExceptionally(toExportException(t, deadline.isExpired(), timeout));
    }

    @Override
    public void onCompleted() {
      result.complete(response);
    }
  }
}
