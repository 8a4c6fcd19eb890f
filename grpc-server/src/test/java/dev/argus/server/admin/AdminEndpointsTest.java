package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RawHttp;
import dev.argus.server.testing.RunningArgus;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin server of a running ARGUS, over real sockets: metrics that move after a real gRPC
 * export, health and readiness, and HEAD. {@link EvaluateEndpointTest} covers the inline evaluation
 * API.
 */
class AdminEndpointsTest {
  private static final String CAPTURED = "fixtures/captured/openinference/";

  private static RunningArgus argus;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    argus =
        RunningArgus.start(
            "extensions:\n  admin:\n    endpoint: \"127.0.0.1:0\"\n",
            new GenAiEvaluator(ScoringConfig.defaults()));
    admin = new AdminClient(argus.server.adminPort());
  }

  @AfterAll
  static void stop() throws Exception {
    argus.close();
  }

  @Test
  void metrics_countersMoveAfterGrpcExport() throws Exception {
    Map<String, Double> before = admin.metrics();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.parseFrom(OtlpSender.resource(CAPTURED + "pii_leak.pb"));
    int spans = request.getResourceSpans(0).getScopeSpans(0).getSpansCount();

    argus.sender.traces().export(request);
    argus.takeEvaluated();
    Map<String, Double> after = admin.metrics();

    assertEquals(spans, AdminClient.delta(before, after, "argus_receiver_accepted_spans_total"));
    assertEquals(spans, AdminClient.delta(before, after, "argus_exporter_sent_spans_total"));
    assertEquals(1, AdminClient.delta(before, after, "argus_pipeline_trace_requests_total"));
    assertEquals(1, AdminClient.delta(before, after, "argus_pipeline_evaluated_spans_total"));
    assertEquals(
        1, AdminClient.delta(before, after, "argus_pipeline_verdicts_total{verdict=\"fail\"}"));
    assertEquals(
        0, AdminClient.delta(before, after, "argus_pipeline_verdicts_total{verdict=\"pass\"}"));
    assertEquals(
        1,
        AdminClient.delta(before, after, "argus_dimension_failures_total{dimension=\"safety\"}"));
    assertEquals(
        1, AdminClient.delta(before, after, "argus_dimension_score_count{dimension=\"safety\"}"));
    assertEquals(0, AdminClient.delta(before, after, "argus_pipeline_processing_errors_total"));
    assertEquals(0, after.get("argus_pipeline_failed_exports_total"));
    assertTrue(after.containsKey("argus_correction_dead_lettered_total"), after.toString());
    assertTrue(after.containsKey("argus_join_held_traces"), after.toString());
  }

  @Test
  void metrics_countRequestsWithoutItems() throws Exception {
    Map<String, Double> before = admin.metrics();

    argus.sender.logs().export(ExportLogsServiceRequest.getDefaultInstance());
    Map<String, Double> after = admin.metrics();

    assertEquals(1, AdminClient.delta(before, after, "argus_receiver_empty_log_requests_total"));
    assertEquals(0, AdminClient.delta(before, after, "argus_receiver_empty_trace_requests_total"));
  }

  @Test
  void metrics_showDeliveryLossAndRecoveryCountersAfterExport() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.parseFrom(OtlpSender.resource(CAPTURED + "pii_leak.pb"));
    argus.sender.traces().export(request);
    argus.takeEvaluated();
    Map<String, Double> after = admin.metrics();

    for (String items : List.of("spans", "log_records")) {
      for (String name :
          List.of(
              "dropped_permanent_" + items,
              "given_up_" + items,
              "rejected_by_downstream_" + items,
              "recovered_" + items + "_requests",
              "corrupt_" + items + "_wal_records",
              "corrupt_" + items + "_wal_bytes",
              "lost_at_shutdown_" + items + "_requests")) {
        String key = "argus_exporter_" + name + "_total";
        assertEquals(0.0, after.get(key), key + " in " + after.keySet());
      }
    }
  }

  @Test
  void metrics_sixSeriesPerDimensionMetric() throws Exception {
    Map<String, Double> samples = admin.metrics();

    long failureSeries =
        samples.keySet().stream()
            .filter(name -> name.startsWith("argus_dimension_failures_total{"))
            .count();
    assertEquals(6, failureSeries, samples.keySet().toString());
  }

  @Test
  void health_andReadinessAreUpOnceReceiversAreBound() throws Exception {
    HttpResponse<String> health = admin.get("/healthz");
    HttpResponse<String> ready = admin.get("/readyz");

    assertEquals(200, health.statusCode());
    assertEquals(200, ready.statusCode(), ready.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/healthz", "/readyz"})
  void head_answersLikeGetWithoutTheBody(String path) throws Exception {
    int port = argus.server.adminPort();

    RawHttp.Answer get = RawHttp.exchange(port, "GET", path);
    RawHttp.Answer head = RawHttp.exchange(port, "HEAD", path);

    assertEquals(200, get.status(), get.raw());
    assertEquals(200, head.status(), head.raw());
    assertEquals(get.header("Content-Type"), head.header("Content-Type"));
    assertEquals(Optional.of(Integer.toString(get.body().length())), head.header("Content-Length"));
    assertEquals("", head.body());
  }

  @Test
  void head_metricsAnswersLikeGetWithoutTheBody() throws Exception {
    int port = argus.server.adminPort();

    RawHttp.Answer get = RawHttp.exchange(port, "GET", "/metrics");
    RawHttp.Answer head = RawHttp.exchange(port, "HEAD", "/metrics");

    assertEquals(200, head.status(), head.raw());
    assertEquals(get.header("Content-Type"), head.header("Content-Type"));
    // Counters may move between the two scrapes, so only the presence of a length is compared.
    assertTrue(Integer.parseInt(head.header("Content-Length").orElse("0")) > 0, head.raw());
    assertEquals("", head.body());
  }

  @Test
  void metrics_postIs405AndUnknownPathIs404() throws Exception {
    HttpResponse<String> post = admin.post("/metrics", null, new byte[0]);
    HttpResponse<String> unknown = admin.get("/v1/traces");

    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));
    assertEquals(404, unknown.statusCode());
  }
}
