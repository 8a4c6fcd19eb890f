package dev.argus.server;

import static dev.argus.semconv.testing.CapturedTruth.lastUserText;
import static dev.argus.semconv.testing.CapturedTruth.textOrEmpty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.Verdict;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the three instrumentation libraries, sent to a running ARGUS as a real sender
 * would (gRPC with protobuf, HTTP with protobuf or JSON; the official instrumentation's log records
 * as a separate request, before or after the spans), comes out with the prompt, context and
 * completion of {@code manifest.json}, the verdicts it lists, and nothing lost downstream.
 */
class CapturedEndToEndTest {
  private static final String ROOT = "fixtures/captured/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  enum Transport {
    GRPC,
    HTTP
  }

  enum Order {
    SPANS_ONLY,
    SPANS_FIRST,
    LOGS_FIRST
  }

  record Case(JsonNode file, Transport transport, Order order) {
    String path() {
      return file.get("path").asText();
    }

    @Override
    public String toString() {
      return path() + " " + transport + " " + order;
    }
  }

  private RunningArgus argus;

  @AfterEach
  void stop() throws Exception {
    if (argus != null) {
      argus.close();
    }
  }

  static Stream<Case> captures() {
    return cases(true);
  }

  static Stream<Case> callsWithoutAnswer() {
    return cases(false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void capture_comesOutWithTheManifestTruth(Case c) throws Exception {
    List<Span> forwarded = send(c);

    JsonNode truth = c.file().get("truth");
    String spanId = finalCallSpanId(c.file());
    assertTrue(
        forwarded.stream().anyMatch(s -> Spans.hex(s.getSpanId()).equals(spanId)),
        "the final call's span was forwarded");
    EvaluatedSpan evaluated = argus.takeEvaluated(spanId);
    assertEquals(lastUserText(truth.get("prompt")), evaluated.call().prompt());
    assertEquals(truth.get("completion").asText(), evaluated.call().completion());
    assertEquals(textOrEmpty(truth.get("context")), evaluated.call().contextText());
    assertEquals(truth.get("request_model").asText(), evaluated.call().requestModel());
    assertVerdicts(c.file(), evaluated.evaluation());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callsWithoutAnswer")
  void failedCallOrEmbedding_isForwardedAndNeverLost(Case c) throws Exception {
    List<Span> forwarded = send(c);

    Set<String> ids = new HashSet<>();
    forwarded.forEach(s -> ids.add(Spans.hex(s.getSpanId())));
    for (JsonNode span : c.file().get("spans")) {
      assertTrue(ids.contains(span.get("span_id").asText()), span.toString());
    }
    EvaluatedSpan evaluated = argus.takeEvaluated(finalCallSpanId(c.file()));
    if (c.file().get("scenario").asText().equals("embeddings")) {
      assertEquals(Verdict.NOT_EVALUATED, evaluated.evaluation().verdict());
    } else {
      // A failed call has no output record: it waited out the hold window, then was evaluated
      // with the prompt its records carried, and fails.
      JsonNode truth = c.file().get("truth");
      assertEquals(lastUserText(truth.get("prompt")), evaluated.call().prompt());
      assertEquals(Verdict.FAIL, evaluated.evaluation().verdict());
    }
  }

  /** Sends the case's requests; returns every span the downstream received. */
  private List<Span> send(Case c) throws Exception {
    argus =
        RunningArgus.start(
            "log_join: {hold_window: 1s}\n", new GenAiEvaluator(ScoringConfig.defaults()));
    byte[] traces = OtlpSender.resource(ROOT + c.path());
    JsonNode companion = c.file().get("companion_logs");
    byte[] logs =
        companion == null || companion.isNull()
            ? null
            : OtlpSender.resource(ROOT + companion.asText());
    boolean json = c.path().endsWith(".json");
    if (c.order() == Order.LOGS_FIRST) {
      sendLogs(c, logs, json);
    }
    Future<?> tracesSent = sendTraces(c, traces, json);
    if (c.order() == Order.SPANS_FIRST) {
      awaitHeld();
      sendLogs(c, logs, json);
    }
    tracesSent.get(20, TimeUnit.SECONDS);

    List<Span> forwarded = new ArrayList<>();
    int expected = c.file().get("span_count").asInt();
    while (forwarded.size() < expected) {
      forwarded.addAll(Spans.all(argus.downstream.take()));
    }
    if (logs != null) {
      assertFalse(argus.downstream.takeLogs().getResourceLogsList().isEmpty());
    }
    return forwarded;
  }

  private Future<?> sendTraces(Case c, byte[] traces, boolean json) throws Exception {
    if (c.transport() == Transport.GRPC) {
      return argus.sender.tracesAsync().export(ExportTraceServiceRequest.parseFrom(traces));
    }
    return argus
        .sender
        .postAsync("/v1/traces", json ? "application/json" : "application/x-protobuf", traces)
        .thenApply(CapturedEndToEndTest::ok);
  }

  private void sendLogs(Case c, byte[] logs, boolean json) throws Exception {
    if (c.transport() == Transport.GRPC) {
      argus.sender.logs().export(ExportLogsServiceRequest.parseFrom(logs));
      return;
    }
    ok(argus.sender.post("/v1/logs", json ? "application/json" : "application/x-protobuf", logs));
  }

  // The spans must be held before their records are sent, or the order under test is not the one
  // that happens.
  private void awaitHeld() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (argus.server.joiner().heldSpanCount() == 0) {
      assertTrue(System.nanoTime() < deadline, "no span was held");
      Thread.sleep(5);
    }
  }

  private static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
    assertEquals(200, response.statusCode());
    return response;
  }

  private static void assertVerdicts(JsonNode file, Evaluation evaluation) {
    JsonNode expected = manifestScenario(file).get("expected_verdicts");
    assertVerdict("groundedness", expected, Dimension.GROUNDEDNESS, evaluation);
    assertVerdict("safety_pii", expected, Dimension.SAFETY, evaluation);
    assertVerdict("reliability_json", expected, Dimension.RELIABILITY, evaluation);
  }

  private static void assertVerdict(
      String name, JsonNode expected, Dimension dimension, Evaluation evaluation) {
    String verdict = expected.get(name).asText();
    DimensionScore score = evaluation.scores().get(dimension);
    boolean failed = evaluation.failedDimensions().contains(dimension);
    switch (verdict) {
      case "PASS" -> assertFalse(failed, name + " should pass: " + score);
      case "FAIL" -> assertTrue(failed, name + " should fail: " + score);
      default -> {
        if (!dimension.equals(Dimension.SAFETY) && !dimension.equals(Dimension.RELIABILITY)) {
          assertTrue(score == null || !score.applicable(), name + " should not apply: " + score);
        }
      }
    }
  }

  private static String finalCallSpanId(JsonNode file) {
    List<String> calls = new ArrayList<>();
    for (JsonNode span : file.get("spans")) {
      if (span.get("produced_by").asText().equals("instrumentation")) {
        calls.add(span.get("span_id").asText());
      }
    }
    JsonNode step = file.get("truth").get("final_call_step");
    return calls.get(step == null || step.isNull() ? 0 : step.asInt());
  }

  private static Stream<Case> cases(boolean answered) {
    List<Case> cases = new ArrayList<>();
    for (JsonNode file : manifest().get("files")) {
      String scenario = file.get("scenario").asText();
      boolean withoutAnswer = scenario.equals("embeddings") || scenario.equals("api_error");
      if (!file.get("signal").asText().equals("traces") || withoutAnswer == answered) {
        continue;
      }
      boolean json = file.get("path").asText().endsWith(".json");
      JsonNode companion = file.get("companion_logs");
      List<Order> orders =
          companion == null || companion.isNull()
              ? List.of(Order.SPANS_ONLY)
              : List.of(Order.SPANS_FIRST, Order.LOGS_FIRST);
      for (Order order : orders) {
        cases.add(new Case(file, Transport.HTTP, order));
        if (!json) {
          cases.add(new Case(file, Transport.GRPC, order));
        }
      }
    }
    return cases.stream();
  }

  private static JsonNode manifestScenario(JsonNode file) {
    for (JsonNode scenario : manifest().get("scenarios")) {
      if (scenario.get("id").asText().equals(file.get("scenario").asText())) {
        return scenario;
      }
    }
    throw new AssertionError("no scenario " + file.get("scenario"));
  }

  private static JsonNode manifest() {
    try {
      return MAPPER.readTree(OtlpSender.resource(ROOT + "manifest.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
