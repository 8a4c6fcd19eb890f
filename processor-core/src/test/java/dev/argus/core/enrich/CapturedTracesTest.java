package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Fixtures;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.extract.LogJoin;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of the three instrumentation libraries, run through the whole processor (trace
 * assembly, log-record join, scoring, enrichment), gets the verdicts its manifest lists on the span
 * that made the final call, and every other gen-AI call of the trace gets a verdict too.
 */
class CapturedTracesTest {
  private static final String ROOT = "fixtures/captured/";

  static Stream<JsonNode> captures() {
    List<JsonNode> files = new ArrayList<>();
    for (JsonNode file : Fixtures.json(ROOT + "manifest.json").get("files")) {
      if (file.get("signal").asText().equals("traces")
          && file.get("path").asText().endsWith(".pb")) {
        files.add(file);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void capture_getsManifestVerdictsThroughTheProcessor(JsonNode file) {
    ExportTraceServiceRequest request = OtlpFixtures.traces(ROOT + file.get("path").asText());
    TraceRequestProcessor processor = processor();

    ProcessedTraces processed = processor.process(request, logs(file));

    String scenario = file.get("scenario").asText();
    JsonNode expected = file.get("expected_verdicts");
    Map<String, EvaluatedSpan> bySpan = new HashMap<>();
    processed.evaluatedSpans().forEach(span -> bySpan.put(span.spanId(), span));
    assertEveryModelCallHasAVerdict(file, processed, bySpan);
    assertOtherSpansUntouched(file, request, processed);
    assertLogsMirrorEvents(processed);

    EvaluatedSpan last = finalCall(file, bySpan);
    Evaluation evaluation = last.evaluation();
    if (scenario.equals("embeddings")) {
      assertEquals(Verdict.NOT_EVALUATED, evaluation.verdict());
      assertEquals(
          ArgusAttributes.REASON_OPERATION_NOT_SCORED,
          attribute(processed, last.spanId(), ArgusAttributes.ARGUS_NOT_EVALUATED_REASON));
      return;
    }
    String where =
        file.get("path").asText() + ": " + evaluation.explanation() + " " + evaluation.scores();
    assertGroundedness(expected, evaluation, where);
    assertSafety(expected.get("safety_pii").asText(), evaluation, where);
    assertJson(expected.get("reliability_json").asText(), evaluation, where);
    DimensionScore reliability = evaluation.scores().get(Dimension.RELIABILITY);
    assertEquals(
        expected.get("truncated").asBoolean(),
        "length".equals(reliability.evidence().get("finish_reason")),
        where);
    if (expected.get("error").asBoolean()) {
      assertEquals(0.0, reliability.value(), where);
    }
    boolean anyFail =
        Stream.of("groundedness", "safety_pii", "reliability_json")
                .anyMatch(key -> expected.get(key).asText().equals("FAIL"))
            || expected.get("error").asBoolean();
    assertEquals(anyFail ? Verdict.FAIL : Verdict.PASS, evaluation.verdict(), where);
    assertEquals(
        evaluation.verdict().label(),
        attribute(processed, last.spanId(), ArgusAttributes.ARGUS_VERDICT),
        where);
  }

  /** Official-instrumentation spans without their log records: content not captured. */
  static Stream<JsonNode> otelCapturesWithLogs() {
    return captures()
        .filter(file -> file.get("companion_logs") != null && !file.get("companion_logs").isNull());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otelCapturesWithLogs")
  void otelCaptureWithoutItsLogRecords_isMarkedNotCapturedAndNeverScored(JsonNode file) {
    ExportTraceServiceRequest request = OtlpFixtures.traces(ROOT + file.get("path").asText());

    ProcessedTraces processed = processor().process(request);

    assertFalse(processed.evaluatedSpans().isEmpty());
    for (EvaluatedSpan span : processed.evaluatedSpans()) {
      assertEquals(Verdict.NOT_EVALUATED, span.evaluation().verdict(), span.spanId());
      assertTrue(span.evaluation().scores().isEmpty(), "scored without content");
      assertEquals(
          ArgusAttributes.REASON_CONTENT_NOT_CAPTURED,
          attribute(processed, span.spanId(), ArgusAttributes.ARGUS_NOT_EVALUATED_REASON));
    }
    assertFalse(processed.hasEvaluationLogs());
  }

  static TraceRequestProcessor processor() {
    return new TraceRequestProcessor(
        GenAiExtractor.standard(),
        new GenAiEvaluator(ScoringConfig.defaults()),
        SpanEnricher.withEvaluationEvents(),
        CorrectionLinker.NONE,
        TraceRequestProcessor.defaultAgentTracker(),
        true);
  }

  static LogJoin logs(JsonNode file) {
    JsonNode companion = file.get("companion_logs");
    if (companion == null || companion.isNull()) {
      return LogJoin.empty();
    }
    return LogJoin.of(OtlpFixtures.logs(ROOT + companion.asText()));
  }

  /** The LLM-call span the manifest's truth describes: the final step in start order. */
  private static EvaluatedSpan finalCall(JsonNode file, Map<String, EvaluatedSpan> bySpan) {
    List<JsonNode> calls = new ArrayList<>();
    for (JsonNode span : file.get("spans")) {
      if (span.get("produced_by").asText().equals("instrumentation")) {
        calls.add(span);
      }
    }
    JsonNode truth = file.get("truth");
    assertEquals(truth.get("llm_calls").asInt(), calls.size(), "model-call spans");
    // The manifest lists spans in export (end) order; calls of one trace are sequential.
    JsonNode last = calls.get(truth.get("final_call_step").asInt());
    EvaluatedSpan evaluated = bySpan.get(last.get("span_id").asText());
    assertNotNull(evaluated, "no verdict on the final call " + last);
    return evaluated;
  }

  private static void assertEveryModelCallHasAVerdict(
      JsonNode file, ProcessedTraces processed, Map<String, EvaluatedSpan> bySpan) {
    for (JsonNode span : file.get("spans")) {
      String id = span.get("span_id").asText();
      if (span.get("produced_by").asText().equals("instrumentation")) {
        assertTrue(bySpan.containsKey(id), "no verdict on " + span);
        assertNotNull(attribute(processed, id, ArgusAttributes.ARGUS_VERDICT), id);
      } else {
        // Hand-built agent and tool spans: the agent span repeats its model calls' answer.
        assertFalse(bySpan.containsKey(id), "scored twice: " + span);
      }
    }
  }

  private static void assertOtherSpansUntouched(
      JsonNode file, ExportTraceServiceRequest request, ProcessedTraces processed) {
    for (JsonNode span : file.get("spans")) {
      String id = span.get("span_id").asText();
      if (span.get("name").asText().startsWith("execute_tool")) {
        assertEquals(
            OtlpFixtures.span(request, id),
            OtlpFixtures.span(processed.enrichedRequest(), id),
            "tool span changed");
      }
    }
  }

  private static void assertLogsMirrorEvents(ProcessedTraces processed) {
    int events = 0;
    for (Span span : OtlpFixtures.spans(processed.enrichedRequest())) {
      for (Span.Event event : span.getEventsList()) {
        events += event.getName().equals("gen_ai.evaluation.result") ? 1 : 0;
      }
    }
    int records = 0;
    for (ResourceLogs resourceLogs : processed.evaluationLogs().getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scopeLogs.getLogRecordsList()) {
          records++;
          assertEquals("gen_ai.evaluation.result", record.getEventName());
          Span parent =
              OtlpFixtures.span(
                  processed.enrichedRequest(),
                  java.util.HexFormat.of().formatHex(record.getSpanId().toByteArray()));
          assertEquals(parent.getTraceId(), record.getTraceId());
        }
      }
    }
    assertEquals(events, records, "one log record per evaluation event");
  }

  private static void assertGroundedness(JsonNode expected, Evaluation evaluation, String where) {
    DimensionScore score = evaluation.scores().get(Dimension.GROUNDEDNESS);
    double threshold = evaluation.thresholds().get(Dimension.GROUNDEDNESS);
    switch (expected.get("groundedness").asText()) {
      case "PASS" -> assertTrue(score.applicable() && score.value() >= threshold, where);
      case "FAIL" -> {
        assertTrue(score.applicable() && score.value() < threshold, where);
        assertTrue(evaluation.failedDimensions().contains(Dimension.GROUNDEDNESS), where);
      }
      default -> assertFalse(score.applicable(), where);
    }
    // Groundedness may already be inapplicable for want of context; accuracy names a refusal.
    DimensionScore accuracy = evaluation.scores().get(Dimension.ACCURACY);
    assertEquals(
        expected.get("refusal").asBoolean(),
        !accuracy.applicable() && accuracy.explanation().equals("refusal"),
        where);
  }

  private static void assertSafety(String expected, Evaluation evaluation, String where) {
    DimensionScore score = evaluation.scores().get(Dimension.SAFETY);
    if (expected.equals("FAIL")) {
      assertTrue(score.value() < evaluation.thresholds().get(Dimension.SAFETY), where);
      assertEquals(List.of("email", "phone"), score.evidence().get("pii_kinds"), where);
    } else {
      assertFalse(score.evidence().containsKey("pii_kinds"), where);
    }
  }

  private static void assertJson(String expected, Evaluation evaluation, String where) {
    DimensionScore score = evaluation.scores().get(Dimension.RELIABILITY);
    switch (expected) {
      case "PASS" -> assertEquals("valid", score.evidence().get("json"), where);
      case "FAIL" -> {
        assertEquals("truncated", score.evidence().get("json"), where);
        assertTrue(evaluation.failedDimensions().contains(Dimension.RELIABILITY), where);
      }
      default -> assertNull(score.evidence().get("json"), where);
    }
  }

  static String attribute(ProcessedTraces processed, String spanId, String key) {
    Span span = OtlpFixtures.span(processed.enrichedRequest(), spanId);
    return span.getAttributesList().stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(value -> value.hasStringValue() ? value.getStringValue() : value.toString())
        .findFirst()
        .orElse(null);
  }
}
