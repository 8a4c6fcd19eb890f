package dev.argus.server.fault;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real downstream OTLP/gRPC collector on 127.0.0.1 that can be stopped and started again on the
 * same port, slowed down, or told to fail: a request whose first span is named {@code
 * fail:CODE:N:...} is answered with {@code CODE} on its first N attempts ({@code CODE+info} adds
 * {@code RetryInfo}). Counts every span it accepted, so tests can find losses and duplicates.
 */
final class FaultCollector implements AutoCloseable {
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private volatile long delayMillis;
  private volatile boolean neverAnswer;
  private int port;
  private Server server;

  /** Starts on an ephemeral port. */
  FaultCollector() throws IOException {
    start();
  }

  /** Starts listening again on the same port. */
  synchronized void start() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(new Service())
            .build()
            .start();
    port = server.getPort();
  }

  /** Stops listening, as if the collector were down. */
  synchronized void stop() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Returns {@code 127.0.0.1:port}. */
  String endpoint() {
    return "127.0.0.1:" + port;
  }

  /** Makes every answer wait {@code millis}. */
  void setDelayMillis(long millis) {
    this.delayMillis = millis;
  }

  /** Makes the collector accept calls but never answer them. */
  void setNeverAnswer(boolean neverAnswer) {
    this.neverAnswer = neverAnswer;
  }

  /** Returns the names of every span accepted at least once. */
  Set<String> delivered() {
    return accepted.keySet();
  }

  /** Returns the number of spans accepted more than once, counting each extra copy. */
  long duplicates() {
    return accepted.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
  }

  /** Returns how often a request whose first span is {@code name} arrived. */
  int attempts(String name) {
    AtomicInteger count = attempts.get(name);
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private final class Service extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      if (neverAnswer) {
        return;
      }
      sleep(delayMillis);
      String first = firstSpanName(request);
      int attempt = attempts.computeIfAbsent(first, k -> new AtomicInteger()).incrementAndGet();
      if (first.startsWith("fail:")) {
        String[] parts = first.split(":");
        if (attempt <= Integer.parseInt(parts[2])) {
          response.onError(failure(parts[1]));
          return;
        }
      }
      for (ResourceSpans resource : request.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            accepted.computeIfAbsent(span.getName(), k -> new AtomicInteger()).incrementAndGet();
          }
        }
      }
      response.onNext(ExportTraceServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private static RuntimeException failure(String code) {
    boolean info = code.endsWith("+info");
    Status.Code status = Status.Code.valueOf(code.replace("+info", ""));
    com.google.rpc.Status.Builder details =
        com.google.rpc.Status.newBuilder().setCode(status.value()).setMessage("scripted " + code);
    if (info) {
      details.addDetails(
          Any.pack(
              RetryInfo.newBuilder()
                  .setRetryDelay(com.google.protobuf.Duration.newBuilder().setNanos(200_000_000))
                  .build()));
    }
    return StatusProto.toStatusRuntimeException(details.build());
  }

  private static String firstSpanName(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        if (scope.getSpansCount() > 0) {
          return scope.getSpans(0).getName();
        }
      }
    }
    return "";
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
