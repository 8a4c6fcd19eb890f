package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trace handler that holds the thread it is called on until {@link #release}, as the pipeline
 * does while a request is scored, and records how many calls it held at once and on which threads:
 * the receivers' thread bounds are read off it.
 */
final class BlockingTraceHandler implements TraceRequestHandler {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch release = new CountDownLatch(1);

  @Override
  public CompletableFuture<ExportTraceServiceResponse> handle(ExportTraceServiceRequest request) {
    threads.add(Thread.currentThread().getName());
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
    return CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
  }

  /** Lets every held call, and every later one, return. */
  void release() {
    release.countDown();
  }

  /** Waits up to 30 s until at least {@code calls} calls are held at once. */
  void awaitHeld(int calls) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (inFlight.get() < calls) {
      assertTrue(System.nanoTime() < deadline, calls + " calls not held within 30 s");
      Thread.sleep(10);
    }
  }

  /** Returns the most calls held at once so far. */
  int mostHeld() {
    return mostInFlight.get();
  }

  /** Returns the names of the threads the handler was called on. */
  Set<String> threadNames() {
    return Set.copyOf(threads);
  }

  /** Returns a one-span trace request whose ids end with {@code i + 1}. */
  static ExportTraceServiceRequest traceRequest(int i) {
    Span span =
        Span.newBuilder()
            .setTraceId(
                ByteString.copyFrom(
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, (byte) (i + 1)}))
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) (i + 1)}))
            .setName("GET /orders")
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  /** Returns a one-record log request. */
  static ExportLogsServiceRequest logRequest() {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1))))
        .build();
  }
}
