package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.testing.RawHttp;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.ScriptedCollector;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What clients and probes see while a running ARGUS shuts down, over real sockets: both OTLP ports
 * refuse new work while requests in flight finish, and the admin port stays up answering {@code
 * /readyz} with 503 until the drain has ended, then closes last.
 */
class ShutdownReadinessTest {
  private static final String SPAN =
      "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
          + "\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"0102030405060708\",\"name\":\"x\","
          + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}]}]}]}";

  @TempDir Path dir;

  @Test
  void queueDrain_readyzIs503UntilItEndsThenAdminCloses() throws Exception {
    try (ScriptedCollector down =
        new ScriptedCollector(
            List.of(ScriptedCollector.Answer.error(Status.Code.UNAVAILABLE, "down")))) {
      ArgusServer argus = ArgusServer.start(config(down.endpoint()));
      int admin = argus.adminPort();
      int http = argus.httpPort();
      // Queued but undeliverable, so the drain lasts its whole drain_timeout.
      assertEquals(200, postSpan(http).status());

      long start = System.nanoTime();
      CompletableFuture<Void> closed = CompletableFuture.runAsync(argus::close);
      awaitRefused(http, 10);
      // Probed well after the receivers stopped, inside the queue's 6 s drain_timeout.
      Thread.sleep(Math.max(0, 1_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
      RawHttp.Answer ready = RawHttp.exchange(admin, "GET", "/readyz");
      RawHttp.Answer health = RawHttp.exchange(admin, "GET", "/healthz");
      boolean stillDraining = !closed.isDone();
      closed.get(30, TimeUnit.SECONDS);

      assertTrue(stillDraining, "the drain ended before the probes; they proved nothing");
      assertEquals(503, ready.status(), ready.raw());
      assertEquals("not ready: shutting down\n", ready.body());
      assertEquals(200, health.status(), health.raw());
      assertThrows(ConnectException.class, () -> connect(admin));
    }
  }

  @Test
  void drain_grpcRefusesNewWorkWhileHttpRequestsFinish() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingCollector down = new RecordingCollector()) {
      down.holdUntil(release);
      ArgusServer argus = ArgusServer.start(config(down.endpoint(), ""));
      int admin = argus.adminPort();
      int grpc = argus.port();
      int http = argus.httpPort();
      CompletableFuture<RawHttp.Answer> inFlight = postSpanAsync(http);
      awaitHandled(argus);

      CompletableFuture<Void> closed = CompletableFuture.runAsync(argus::close);
      awaitRefused(http, 5);
      awaitRefused(grpc, 3);
      RawHttp.Answer ready = RawHttp.exchange(admin, "GET", "/readyz");
      boolean stillDraining = !closed.isDone();
      release.countDown();
      closed.get(30, TimeUnit.SECONDS);

      assertTrue(stillDraining, "the drain ended before the probes; they proved nothing");
      assertEquals(503, ready.status(), ready.raw());
      assertEquals(200, inFlight.get(10, TimeUnit.SECONDS).status());
      assertThrows(ConnectException.class, () -> connect(admin));
    }
  }

  private ArgusConfig config(String downstream) {
    return config(
        downstream,
        "  sending_queue: {enabled: true, drain_timeout: 6s}\n"
            + "  retry_on_failure: {initial_interval: 100ms, max_interval: 100ms}\n");
  }

  private ArgusConfig config(String downstream, String delivery) {
    String yaml =
        "receivers:\n"
            + "  otlp: {grpc: {endpoint: \"127.0.0.1:0\"}, http: {endpoint: \"127.0.0.1:0\"}}\n"
            + "exporter:\n"
            + "  otlp: {endpoint: \""
            + downstream
            + "\", tls: {insecure: true}, timeout: 20s}\n"
            + delivery
            + "correction: {local_file: \""
            + dir.resolve("corrections.jsonl")
            + "\"}\n"
            + "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n";
    return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
  }

  private static RawHttp.Answer postSpan(int port) throws IOException {
    return RawHttp.send(
        port,
        "POST /v1/traces HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + SPAN.length()
            + "\r\nConnection: close\r\n\r\n"
            + SPAN);
  }

  private static CompletableFuture<RawHttp.Answer> postSpanAsync(int port) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return postSpan(port);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Waits until the pipeline has taken a request, so that it is in flight downstream. */
  private static void awaitHandled(ArgusServer argus) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (argus.pipeline().requestCount() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the request never reached the pipeline");
      }
      Thread.sleep(10);
    }
  }

  /** Waits until {@code port} refuses connections, failing after {@code seconds}. */
  private static void awaitRefused(int port, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        connect(port);
      } catch (ConnectException refused) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "port " + port + " still accepts connections " + seconds + " s into shutdown");
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      socket.setSoTimeout(1_000);
    }
  }
}
