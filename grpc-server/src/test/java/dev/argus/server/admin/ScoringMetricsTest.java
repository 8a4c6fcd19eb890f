package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RunningArgus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scoring pool's metrics after real gRPC exports and inline evaluations: how long its threads
 * were busy, how many there are, and the calls that overload cost.
 */
class ScoringMetricsTest {
  // Scores as the defaults do, after 1.5 s: far over a 200 ms budget.
  private static final Evaluator STALLS_1500_MS =
      input -> {
        sleepQuietly(1_500);
        return new GenAiEvaluator(ScoringConfig.defaults()).evaluate(input);
      };
  private static final String ADMIN = "extensions:\n  admin:\n    endpoint: \"127.0.0.1:0\"\n";
  private static final String PII_LEAK = "fixtures/captured/openinference/pii_leak.pb";

  @Test
  void busySecondsGrowByTheScoringTimeAndThreadsAreShown() throws Exception {
    Evaluator real = new GenAiEvaluator(ScoringConfig.defaults());
    Evaluator slow =
        input -> {
          sleepQuietly(300);
          return real.evaluate(input);
        };
    try (RunningArgus argus = RunningArgus.start(ADMIN + "scoring: {time_budget: 5s}\n", slow)) {
      AdminClient admin = new AdminClient(argus.server.adminPort());
      Map<String, Double> before = admin.metrics();

      argus.sender.traces().export(request());
      argus.takeEvaluated();
      Map<String, Double> after = admin.metrics();

      double busy = AdminClient.delta(before, after, "argus_scoring_busy_seconds_total");
      assertTrue(busy >= 0.3 && busy < 5, "busy " + busy + " s for one call of 300 ms");
      assertEquals(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          after.get("argus_scoring_threads"));
      assertEquals(0, AdminClient.delta(before, after, "argus_scoring_over_budget_spans_total"));
      assertEquals(0, AdminClient.delta(before, after, "argus_scoring_saturated_spans_total"));
    }
  }

  @Test
  void aSpanOverBudgetIsCountedAndItsScoringTimeStillAddsUp() throws Exception {
    try (RunningArgus argus =
        RunningArgus.start(ADMIN + "scoring: {time_budget: 200ms}\n", STALLS_1500_MS)) {
      AdminClient admin = new AdminClient(argus.server.adminPort());
      Map<String, Double> before = admin.metrics();

      argus.sender.traces().export(request());
      argus.takeEvaluated();
      Map<String, Double> answered = admin.metrics();

      assertEquals(1, AdminClient.delta(before, answered, "argus_scoring_over_budget_spans_total"));
      // The overrunning thread is still scoring when the span is answered; its time counts once
      // it is done.
      Map<String, Double> done = answered;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (AdminClient.delta(before, done, "argus_scoring_busy_seconds_total") < 1.5
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
        done = admin.metrics();
      }
      double busy = AdminClient.delta(before, done, "argus_scoring_busy_seconds_total");
      assertTrue(busy >= 1.5, "busy " + busy + " s after a call of 1.5 s");
    }
  }

  @Test
  void anInlineCallOverBudgetIsAllowedNotEvaluatedAndCounted() throws Exception {
    try (RunningArgus argus =
        RunningArgus.start(ADMIN + "scoring: {time_budget: 200ms}\n", STALLS_1500_MS)) {
      AdminClient admin = new AdminClient(argus.server.adminPort());
      Map<String, Double> before = admin.metrics();

      HttpResponse<String> response =
          admin.post(
              "/v1/evaluate",
              "application/json",
              "{\"completion\": \"ok\"}".getBytes(StandardCharsets.UTF_8));
      Map<String, Double> after = admin.metrics();

      assertEquals(200, response.statusCode(), response.body());
      JsonNode answer = new ObjectMapper().readTree(response.body());
      assertEquals("allow", answer.get("decision").asText(), response.body());
      assertEquals("not_evaluated", answer.get("verdict").asText(), response.body());
      assertEquals(
          "scoring exceeded its time budget (scoring.time_budget=200ms)",
          answer.get("explanation").asText());
      assertEquals(1, AdminClient.delta(before, after, "argus_scoring_over_budget_spans_total"));
      assertEquals(
          1,
          AdminClient.delta(before, after, "argus_inline_evaluations_total{decision=\"allow\"}"));
    }
  }

  private static ExportTraceServiceRequest request() throws Exception {
    return ExportTraceServiceRequest.parseFrom(OtlpSender.resource(PII_LEAK));
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
