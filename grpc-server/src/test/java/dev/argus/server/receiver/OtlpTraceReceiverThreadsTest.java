package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trace export calls are handled on a bounded set of threads, so that a crowd of senders does not
 * keep a crowd of decoded requests on the heap, while log exports keep their own threads.
 */
class OtlpTraceReceiverThreadsTest {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Set<String> traceThreads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch release = new CountDownLatch(1);
  private OtlpTraceReceiver receiver;
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    release.countDown();
    if (channel != null) {
      channel.shutdownNow();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void traceCalls_shareBoundedThreads_andLogCallsAreNotQueuedBehindThem() throws Exception {
    receiver =
        new OtlpTraceReceiver(
                new OtlpGrpcReceiverConfig("127.0.0.1", 0, 4 * 1024 * 1024),
                this::blockingTraceHandler,
                request ->
                    CompletableFuture.completedFuture(
                        ExportLogsServiceResponse.getDefaultInstance()),
                new ReceiverCounters())
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.port()).usePlaintext().build();
    TraceServiceGrpc.TraceServiceFutureStub traces = TraceServiceGrpc.newFutureStub(channel);
    int calls = 3 * TraceThreads.COUNT;

    List<ListenableFuture<ExportTraceServiceResponse>> answers = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      answers.add(traces.export(traceRequest(i)));
    }
    waitUntil(() -> inFlight.get() == TraceThreads.COUNT);
    // Every trace thread is taken; a log export is still answered at once.
    LogsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(logRequest());
    release.countDown();
    for (ListenableFuture<ExportTraceServiceResponse> answer : answers) {
      answer.get(30, TimeUnit.SECONDS);
    }

    assertEquals(TraceThreads.COUNT, mostInFlight.get());
    assertEquals(TraceThreads.COUNT, traceThreads.size());
    assertTrue(
        traceThreads.stream().allMatch(name -> name.startsWith("argus-otlp-traces-")),
        traceThreads::toString);
  }

  // Holds its thread, as the pipeline does while a request is scored.
  private CompletableFuture<ExportTraceServiceResponse> blockingTraceHandler(
      ExportTraceServiceRequest request) {
    traceThreads.add(Thread.currentThread().getName());
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

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
      Thread.sleep(10);
    }
  }

  private static ExportTraceServiceRequest traceRequest(int i) {
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

  private static ExportLogsServiceRequest logRequest() {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1))))
        .build();
  }
}
