package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Trace exports over HTTP are decoded and handed on by a bounded set of threads, so that a crowd
 * of senders does not keep a crowd of decoded requests on the heap, while log exports do not wait
 * for those threads.
 */
class OtlpHttpReceiverThreadsTest {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final Set<String> traceThreads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private OtlpHttpReceiver receiver;

  @AfterEach
  void stop() {
    release.countDown();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void traceRequests_shareBoundedThreads_andLogRequestsAreNotQueuedBehindThem() throws Exception {
    receiver =
        new OtlpHttpReceiver(
                OtlpHttpReceiverConfig.of("127.0.0.1", 0),
                this::blockingTraceHandler,
                request ->
                    CompletableFuture.completedFuture(
                        ExportLogsServiceResponse.getDefaultInstance()),
                new ReceiverCounters())
            .start();
    int requests = 3 * TraceThreads.COUNT;

    List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      answers.add(postAsync(OtlpHttpReceiver.TRACES_PATH, traceRequest(i).toByteArray()));
    }
    waitUntil(() -> inFlight.get() >= TraceThreads.COUNT);
    // Every trace thread is taken; a log export is still answered at once.
    HttpResponse<byte[]> logs =
        postAsync(OtlpHttpReceiver.LOGS_PATH, logRequest().toByteArray())
            .get(10, TimeUnit.SECONDS);
    // Unbounded, the other trace requests would have joined the handler by now.
    Thread.sleep(200);
    int mostBeforeRelease = mostInFlight.get();
    release.countDown();
    for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
      HttpResponse<byte[]> response = answer.get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      assertEquals(
          ExportTraceServiceResponse.getDefaultInstance(),
          ExportTraceServiceResponse.parseFrom(response.body()));
    }

    assertEquals(200, logs.statusCode());
    assertEquals(TraceThreads.COUNT, mostBeforeRelease, "trace requests in the handler at once");
    assertEquals(TraceThreads.COUNT, mostInFlight.get());
    assertEquals(TraceThreads.COUNT, traceThreads.size());
    assertTrue(
        traceThreads.stream().allMatch(name -> name.startsWith("argus-otlp-http-traces-")),
        traceThreads::toString);
  }

  @Test
  void shutdown_answersTraceRequestsStillWaitingForAThread() throws Exception {
    receiver =
        new OtlpHttpReceiver(
                OtlpHttpReceiverConfig.of("127.0.0.1", 0),
                this::blockingTraceHandler,
                request -> CompletableFuture.failedFuture(new AssertionError("no logs sent")),
                new ReceiverCounters())
            .start();
    List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
    for (int i = 0; i < TraceThreads.COUNT + 2; i++) {
      answers.add(postAsync(OtlpHttpReceiver.TRACES_PATH, traceRequest(i).toByteArray()));
    }
    waitUntil(() -> inFlight.get() == TraceThreads.COUNT);

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> receiver.shutdown(30_000));
    Thread.sleep(200);
    boolean stoppedWhileHeld = stopped.isDone();
    release.countDown();

    stopped.get(30, TimeUnit.SECONDS);
    assertFalse(stoppedWhileHeld, "shutdown waits for the requests in flight");
    for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
      assertEquals(200, answer.get(30, TimeUnit.SECONDS).statusCode());
    }
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

  private CompletableFuture<HttpResponse<byte[]>> postAsync(String path, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", OtlpHttpReceiver.PROTOBUF)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
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
