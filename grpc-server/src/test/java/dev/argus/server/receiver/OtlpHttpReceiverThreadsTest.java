package dev.argus.server.receiver;

import static dev.argus.server.receiver.BlockingTraceHandler.logRequest;
import static dev.argus.server.receiver.BlockingTraceHandler.traceRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trace exports over HTTP are decoded and handed on by a bounded set of threads, so that a crowd of
 * senders does not keep a crowd of decoded requests on the heap, while log exports do not wait for
 * those threads.
 */
class OtlpHttpReceiverThreadsTest {
  private final BlockingTraceHandler traceHandler = new BlockingTraceHandler();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private OtlpHttpReceiver receiver;

  @AfterEach
  void stop() {
    traceHandler.release();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void traceRequests_shareBoundedThreads_andLogRequestsAreNotQueuedBehindThem() throws Exception {
    receiver =
        start(
            request ->
                CompletableFuture.completedFuture(ExportLogsServiceResponse.getDefaultInstance()));
    int requests = 3 * TraceThreads.COUNT;

    List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      answers.add(postAsync(OtlpHttpReceiver.TRACES_PATH, traceRequest(i).toByteArray()));
    }
    traceHandler.awaitHeld(TraceThreads.COUNT);
    // Every trace thread is taken; a log export is still answered at once.
    HttpResponse<byte[]> logs =
        postAsync(OtlpHttpReceiver.LOGS_PATH, logRequest().toByteArray()).get(10, TimeUnit.SECONDS);
    // Unbounded, the other trace requests would have joined the handler by now.
    Thread.sleep(200);
    int mostBeforeRelease = traceHandler.mostHeld();
    traceHandler.release();
    for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
      HttpResponse<byte[]> response = answer.get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      assertEquals(
          ExportTraceServiceResponse.getDefaultInstance(),
          ExportTraceServiceResponse.parseFrom(response.body()));
    }

    assertEquals(200, logs.statusCode());
    assertEquals(TraceThreads.COUNT, mostBeforeRelease, "trace requests in the handler at once");
    assertEquals(TraceThreads.COUNT, traceHandler.mostHeld());
    assertEquals(TraceThreads.COUNT, traceHandler.threadNames().size());
    assertTrue(
        traceHandler.threadNames().stream()
            .allMatch(name -> name.startsWith("argus-otlp-http-traces-")),
        traceHandler.threadNames()::toString);
  }

  @Test
  void shutdown_answersTraceRequestsStillWaitingForAThread() throws Exception {
    receiver = start(request -> CompletableFuture.failedFuture(new AssertionError("no logs sent")));
    List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
    for (int i = 0; i < TraceThreads.COUNT + 2; i++) {
      answers.add(postAsync(OtlpHttpReceiver.TRACES_PATH, traceRequest(i).toByteArray()));
    }
    traceHandler.awaitHeld(TraceThreads.COUNT);

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> receiver.shutdown(30_000));
    Thread.sleep(200);
    boolean stoppedWhileHeld = stopped.isDone();
    traceHandler.release();

    stopped.get(30, TimeUnit.SECONDS);
    assertFalse(stoppedWhileHeld, "shutdown waits for the requests in flight");
    for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
      assertEquals(200, answer.get(30, TimeUnit.SECONDS).statusCode());
    }
  }

  private OtlpHttpReceiver start(LogRequestHandler logs) {
    return new OtlpHttpReceiver(
            OtlpHttpReceiverConfig.of("127.0.0.1", 0), traceHandler, logs, new ReceiverCounters())
        .start();
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
}
