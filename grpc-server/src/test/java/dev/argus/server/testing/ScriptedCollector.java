package dev.argus.server.testing;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real OTLP/gRPC trace receiver on 127.0.0.1 that answers each attempt with the next scripted
 * answer (the last one repeats) and records every request it was sent, accepted or not.
 */
public final class ScriptedCollector implements AutoCloseable {
  private final List<Answer> script;
  private final List<ExportTraceServiceRequest> attempts = new CopyOnWriteArrayList<>();
  private final List<ExportTraceServiceRequest> accepted = new CopyOnWriteArrayList<>();
  private final Server server;

  /** One scripted answer. */
  public record Answer(Status.Code code, String message, Duration retryDelay, long rejected) {
    /** Returns a plain OK. */
    public static Answer ok() {
      return new Answer(Status.Code.OK, "", null, 0);
    }

    /** Returns an error {@code code} with {@code message}. */
    public static Answer error(Status.Code code, String message) {
      return new Answer(code, message, null, 0);
    }

    /** Returns an error {@code code} carrying {@code RetryInfo} with {@code delay}. */
    public static Answer errorWithRetryInfo(Status.Code code, Duration delay) {
      return new Answer(code, "slow down", delay, 0);
    }

    /** Returns OK with a partial success rejecting {@code rejected} spans. */
    public static Answer partial(long rejected, String message) {
      return new Answer(Status.Code.OK, message, null, rejected);
    }
  }

  /** Starts a collector on an ephemeral port that answers with {@code script}. */
  public ScriptedCollector(List<Answer> script) throws IOException {
    this.script = List.copyOf(script);
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new Service())
            .build()
            .start();
  }

  /** Returns {@code 127.0.0.1:port}. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Returns every request received, in order of arrival. */
  public List<ExportTraceServiceRequest> attempts() {
    return attempts;
  }

  /** Returns the requests answered with OK. */
  public List<ExportTraceServiceRequest> accepted() {
    return accepted;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Service extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public synchronized void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      Answer answer = script.get(Math.min(attempts.size(), script.size() - 1));
      attempts.add(request);
      if (answer.code() == Status.Code.OK) {
        accepted.add(request);
        ExportTraceServiceResponse.Builder body = ExportTraceServiceResponse.newBuilder();
        if (answer.rejected() > 0 || !answer.message().isEmpty()) {
          body.setPartialSuccess(
              ExportTracePartialSuccess.newBuilder()
                  .setRejectedSpans(answer.rejected())
                  .setErrorMessage(answer.message()));
        }
        response.onNext(body.build());
        response.onCompleted();
        return;
      }
      com.google.rpc.Status.Builder status =
          com.google.rpc.Status.newBuilder()
              .setCode(answer.code().value())
              .setMessage(answer.message());
      if (answer.retryDelay() != null) {
        status.addDetails(
            Any.pack(
                RetryInfo.newBuilder()
                    .setRetryDelay(
                        com.google.protobuf.Duration.newBuilder()
                            .setSeconds(answer.retryDelay().getSeconds())
                            .setNanos(answer.retryDelay().getNano()))
                    .build()));
      }
      response.onError(StatusProto.toStatusRuntimeException(status.build()));
    }
  }
}
