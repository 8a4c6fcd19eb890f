package dev.argus.server.fault;

import dev.argus.server.testing.FrontDoorFixture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/gRPC sender on 127.0.0.1 that remembers which spans ARGUS acknowledged, and counts the
 * answers it got. It can retry refused requests like an upstream collector does.
 */
final class LoadGenerator implements AutoCloseable {
  private final ManagedChannel channel;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<Status.Code, AtomicInteger> errors = new ConcurrentHashMap<>();
  private final AtomicLong sentSpans = new AtomicLong();
  private final AtomicBoolean streaming = new AtomicBoolean();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  LoadGenerator(int port) {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /**
   * Sends {@code requests} requests of {@code spans} spans named {@code prefix-r-s} from {@code
   * clients} threads; with {@code retry}, each refused request is sent again every 100 ms until it
   * is acknowledged or {@code giveUpMillis} passed.
   */
  void send(String prefix, int requests, int spans, int clients, boolean retry, long giveUpMillis)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    long deadline = System.currentTimeMillis() + giveUpMillis;
    for (int c = 0; c < clients; c++) {
      workers.add(
          threads.submit(
              () -> {
                for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                  ExportTraceServiceRequest request = request(prefix + "-" + r, spans, 200);
                  while (!sendOnce(request) && retry && System.currentTimeMillis() < deadline) {
                    sleep(100);
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(giveUpMillis + 30_000, TimeUnit.MILLISECONDS);
    }
  }

  /** Sends requests named {@code prefix-n} one after another until {@link #stopStream}. */
  void startStream(String prefix, int spans) {
    streaming.set(true);
    threads.submit(
        () -> {
          for (int r = 0; streaming.get(); r++) {
            sendOnce(request(prefix + "-" + r, spans, 200));
          }
        });
  }

  /** Stops the stream started by {@link #startStream}. */
  void stopStream() {
    streaming.set(false);
  }

  /** Sends {@code request} once; returns true when ARGUS acknowledged it. */
  boolean sendOnce(ExportTraceServiceRequest request) {
    sentSpans.addAndGet(request.getResourceSpans(0).getScopeSpans(0).getSpansCount());
    try {
      TraceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .export(request);
    } catch (StatusRuntimeException e) {
      errors.computeIfAbsent(e.getStatus().getCode(), k -> new AtomicInteger()).incrementAndGet();
      return false;
    }
    for (Span span : request.getResourceSpans(0).getScopeSpans(0).getSpansList()) {
      acknowledged.add(span.getName());
    }
    return true;
  }

  /** Returns the names of every span ARGUS acknowledged. */
  Set<String> acknowledged() {
    return acknowledged;
  }

  /** Returns the number of spans sent, counting resends. */
  long sentSpans() {
    return sentSpans.get();
  }

  /** Returns how many answers had {@code code}. */
  int errors(Status.Code code) {
    AtomicInteger count = errors.get(code);
    return count == null ? 0 : count.get();
  }

  /** Returns the error answers by code. */
  Map<Status.Code, AtomicInteger> errors() {
    return errors;
  }

  /** Returns a request of {@code spans} spans named {@code name-0}, {@code name-1}, ... */
  static ExportTraceServiceRequest request(String name, int spans, int attributeBytes) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(
          FrontDoorFixture.withIds(Span.newBuilder())
              .setName(name + "-" + i)
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("payload")
                      .setValue(AnyValue.newBuilder().setStringValue("x".repeat(attributeBytes)))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    streaming.set(false);
    threads.shutdownNow();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
