package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.testing.OtlpSender;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and the access hook of an admin server on its own, on 127.0.0.1 port 0. */
class AdminServerTest {
  @TempDir Path dir;
  private AdminServer server;
  private AdminClient client;

  @BeforeEach
  void start() {
    server = start(AdminAccess.OPEN);
    client = new AdminClient(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyz_isUnavailableUntilMarkedReadyAndAgainWhenStopping() throws Exception {
    HttpResponse<String> starting = client.get("/readyz");
    server.markReady();
    HttpResponse<String> ready = client.get("/readyz");
    server.markStopping();
    HttpResponse<String> stopping = client.get("/readyz");
    server.markReady();
    HttpResponse<String> stillStopping = client.get("/readyz");

    assertEquals(503, starting.statusCode());
    assertEquals("not ready: starting\n", starting.body());
    assertEquals(200, ready.statusCode());
    assertEquals(503, stopping.statusCode());
    assertEquals("not ready: shutting down\n", stopping.body());
    assertEquals(503, stillStopping.statusCode());
  }

  @Test
  void healthz_isUpWhileNotReady() throws Exception {
    HttpResponse<String> health = client.get("/healthz");

    assertEquals(200, health.statusCode());
  }

  @Test
  void access_deniedRequestsAre401ExceptHealthz() throws Exception {
    server.close();
    server = start(request -> "Bearer s3cret".equals(request.getHeaders().get("Authorization")));
    client = new AdminClient(server.port());

    HttpResponse<String> metrics = client.get("/metrics");
    HttpResponse<String> evaluate =
        client.post("/v1/evaluate", "application/json", "{\"completion\":\"x\"}".getBytes());
    HttpResponse<String> health = client.get("/healthz");

    assertEquals(401, metrics.statusCode());
    assertEquals("Bearer", metrics.headers().firstValue("WWW-Authenticate").orElse(null));
    assertEquals(401, evaluate.statusCode());
    assertEquals(200, health.statusCode());
  }

  @Test
  void argusStart_adminPortTakenFailsNamingTheKey() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String yaml =
          "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
              + "exporter: {file: {path: \""
              + dir.resolve("out.jsonl")
              + "\"}}\n"
              + "correction: {local_file: \""
              + dir.resolve("corrections.jsonl")
              + "\"}\n"
              + "extensions: {admin: {endpoint: \"127.0.0.1:"
              + taken.getLocalPort()
              + "\"}}\n";
      ArgusConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");

      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> ArgusServer.start(config));

      assertTrue(e.getMessage().contains("extensions.admin.endpoint"), e.getMessage());
    }
  }

  @Test
  void argusWithBearerToken_guardsEveryEndpointButHealthz() throws Exception {
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter: {file: {path: \""
            + dir.resolve("out.jsonl")
            + "\"}}\n"
            + "correction: {local_file: \""
            + dir.resolve("corrections.jsonl")
            + "\"}\n"
            + "auth: {bearer_token_env: ARGUS_TOKEN}\n"
            + "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n";
    ArgusConfig config =
        new ConfigLoader(Map.of("ARGUS_TOKEN", "t0ken-for-tests-only")::get).parse(yaml, "test");

    try (ArgusServer argus = ArgusServer.start(config)) {
      AdminClient anonymous = new AdminClient(argus.adminPort());
      AdminClient holder = new AdminClient(argus.adminPort(), "Bearer t0ken-for-tests-only");
      AdminClient wrong = new AdminClient(argus.adminPort(), "Bearer guessed");

      assertEquals(200, anonymous.get("/healthz").statusCode());
      assertEquals(401, anonymous.get("/metrics").statusCode());
      assertEquals(401, anonymous.get("/readyz").statusCode());
      assertEquals(401, wrong.get("/metrics").statusCode());
      assertEquals(
          401,
          anonymous
              .post("/v1/evaluate", "application/json", "{\"completion\":\"x\"}".getBytes())
              .statusCode());
      assertEquals(200, holder.get("/metrics").statusCode());
      assertEquals(200, holder.get("/readyz").statusCode());
      assertEquals(
          200,
          holder
              .post("/v1/evaluate", "application/json", "{\"completion\":\"x\"}".getBytes())
              .statusCode());
    }
  }

  @Test
  void argusWithSendingQueue_exportsQueueSizeAndDeliveredSpans() throws Exception {
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter:\n"
            + "  file: {path: \""
            + dir.resolve("out.jsonl")
            + "\"}\n"
            + "  sending_queue: {enabled: true, queue_size: 10}\n"
            + "correction: {local_file: \""
            + dir.resolve("corrections.jsonl")
            + "\"}\n"
            + "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n";
    ArgusConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.parseFrom(
            OtlpSender.resource("fixtures/captured/openinference/rag_grounded.pb"));

    try (ArgusServer argus = ArgusServer.start(config);
        OtlpSender sender = new OtlpSender(argus.port(), -1)) {
      AdminClient client = new AdminClient(argus.adminPort());
      sender.traces().export(request);
      long deadline = System.nanoTime() + 10_000_000_000L;
      Map<String, Double> samples = client.metrics();
      while (samples.get("argus_exporter_sent_spans_total") < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        samples = client.metrics();
      }

      assertEquals(
          (double) request.getResourceSpans(0).getScopeSpans(0).getSpansCount(),
          samples.get("argus_exporter_sent_spans_total"));
      assertEquals(0.0, samples.get("argus_exporter_queue_size"));
      assertEquals(0.0, samples.get("argus_exporter_enqueue_failed_spans_total"));
    }
  }

  private static AdminServer start(AdminAccess access) {
    AdminConfig config = new AdminConfig("127.0.0.1", 0, 4096, Set.of(Dimension.SAFETY), false);
    return new AdminServer(
            config, new ArgusMetrics(), new GenAiEvaluator(ScoringConfig.defaults()), access)
        .start();
  }
}
