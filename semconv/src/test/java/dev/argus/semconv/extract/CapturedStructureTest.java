package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Log joins, errors, embeddings and agent structure of the real captures. */
class CapturedStructureTest {
  private static final String OTEL = "fixtures/captured/otel/";

  private final GenAiExtractor extractor = GenAiExtractor.standard();

  @ParameterizedTest
  @ValueSource(strings = {"rag_grounded", "tool_call", "responses_api", "agent_tool_retry"})
  void otelSpanWithoutItsLogs_isNotCapturedAndAwaitsLogContent(String scenario) {
    ExportTraceServiceRequest request = OtlpFixtures.traces(OTEL + scenario + ".json");

    for (GenAiTrace trace : extractor.traces(request)) {
      assertFalse(trace.evaluable(), scenario);
      for (GenAiSpan span : trace.spans()) {
        if (span.role() == SpanRole.LLM_CALL) {
          assertEquals(ContentStatus.NOT_CAPTURED, span.call().contentStatus());
          assertEquals("", span.call().prompt());
        }
      }
    }
    for (Span span : OtlpFixtures.spans(request)) {
      boolean llmCall = span.getName().startsWith("chat ");
      assertEquals(llmCall, extractor.awaitsLogContent(span), span.getName());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rag_grounded", "tool_call", "responses_api", "agent_tool_retry"})
  void otelLogBatchesInEitherOrder_yieldTheSameCalls(String scenario) {
    ExportTraceServiceRequest request = OtlpFixtures.traces(OTEL + scenario + ".json");
    List<LogRecord> records =
        OtlpFixtures.records(OtlpFixtures.logs(OTEL + scenario + ".logs.json"));
    // One batch per span, as a batching log processor may export them.
    Map<ByteString, List<LogRecord>> bySpan = new LinkedHashMap<>();
    records.forEach(r -> bySpan.computeIfAbsent(r.getSpanId(), k -> new ArrayList<>()).add(r));
    List<LogRecord> spansReversed = new ArrayList<>();
    List<List<LogRecord>> batches = new ArrayList<>(bySpan.values());
    Collections.reverse(batches);
    batches.forEach(spansReversed::addAll);

    List<ExtractedCall> inOrder = extractor.extract(request, LogJoin.of(records));
    List<ExtractedCall> outOfOrder = extractor.extract(request, LogJoin.of(spansReversed));

    assertEquals(inOrder, outOfOrder);
    assertTrue(inOrder.stream().anyMatch(call -> call.call().hasCompletion()));
  }

  @Test
  void choiceArrivingBeforeItsHistory_staysOutput() {
    ExportTraceServiceRequest request = OtlpFixtures.traces(OTEL + "rag_grounded.json");
    List<LogRecord> records =
        new ArrayList<>(OtlpFixtures.records(OtlpFixtures.logs(OTEL + "rag_grounded.logs.json")));
    LogRecord choice = records.remove(records.size() - 1);
    records.add(0, choice.toBuilder().setTimeUnixNano(records.get(0).getTimeUnixNano()).build());

    GenAiCall call = extractor.extract(request, LogJoin.of(records)).get(0).call();

    assertTrue(call.completion().startsWith("Daily snapshots are kept for 35 days"));
    assertTrue(call.prompt().startsWith("How long are daily snapshots kept"));
  }

  @Test
  void otelLogsAsProtobuf_matchJson() {
    ExportTraceServiceRequest request = OtlpFixtures.traces(OTEL + "tool_call.pb");
    ExportLogsServiceRequest json = OtlpFixtures.logs(OTEL + "tool_call.logs.json");
    ExportLogsServiceRequest pb = OtlpFixtures.logs(OTEL + "tool_call.logs.pb");

    assertEquals(
        extractor.extract(request, LogJoin.of(json)), extractor.extract(request, LogJoin.of(pb)));
  }

  @Test
  void logJoin_keepsOnlyGenAiEventsWithIds() {
    List<LogRecord> records =
        OtlpFixtures.records(OtlpFixtures.logs(OTEL + "rag_grounded.logs.json"));
    LogRecord plain = records.get(0).toBuilder().clearAttributes().clearEventName().build();
    LogRecord noSpan = records.get(0).toBuilder().clearSpanId().build();

    assertTrue(LogJoin.isGenAiEvent(records.get(0)));
    assertFalse(LogJoin.isGenAiEvent(plain));
    assertFalse(LogJoin.isGenAiEvent(noSpan));
    assertTrue(LogJoin.of(List.of(plain, noSpan)).isEmpty());
  }

  @Test
  void otelApiError_hasErrorTypeAndPromptButNoCompletion() {
    ExportTraceServiceRequest request = OtlpFixtures.traces(OTEL + "api_error.json");
    LogJoin logs = LogJoin.of(OtlpFixtures.logs(OTEL + "api_error.logs.json"));

    GenAiTrace trace = extractor.traces(request, logs).get(0);
    GenAiCall call = trace.spans().get(0).call();

    assertEquals("BadRequestError", call.errorType());
    assertEquals(
        "Summarise the attached 400-page master services agreement, clause by clause.",
        call.prompt());
    assertEquals("", call.completion());
    assertNull(call.usage().totalTokens());
  }

  @Test
  void otelEmbeddings_reportUsageButAreNotEvaluable() {
    GenAiTrace trace = extractor.traces(OtlpFixtures.traces(OTEL + "embeddings.json")).get(0);

    assertFalse(trace.evaluable());
    assertEquals(SpanRole.EMBEDDINGS, trace.spans().get(0).role());
    assertEquals("text-embedding-3-small", trace.spans().get(0).call().responseModel());
    assertEquals(22L, trace.usage().inputTokens());
    assertEquals(22L, trace.usage().totalTokens());
  }

  @Test
  void openInferenceEmbeddings_haveNoUsageAndNoContent() {
    GenAiTrace trace =
        extractor
            .traces(OtlpFixtures.traces("fixtures/captured/openinference/embeddings.json"))
            .get(0);

    assertFalse(trace.evaluable());
    assertEquals(SpanRole.EMBEDDINGS, trace.spans().get(0).role());
    assertEquals("text-embedding-3-small", trace.spans().get(0).call().requestModel());
    assertEquals(ContentStatus.NOT_CAPTURED, trace.spans().get(0).call().contentStatus());
    assertNull(trace.usage().totalTokens());
  }

  @ParameterizedTest
  @ValueSource(strings = {"otel", "traceloop", "openinference"})
  void agentToolRetry_countsOneRecoveredStep(String library) {
    String base = "fixtures/captured/" + library + "/agent_tool_retry";
    ExportTraceServiceRequest request = OtlpFixtures.traces(base + ".json");
    LogJoin logs =
        library.equals("otel")
            ? LogJoin.of(OtlpFixtures.logs(base + ".logs.json"))
            : LogJoin.empty();

    GenAiTrace trace = extractor.traces(request, logs).get(0);

    assertEquals(1, trace.toolSteps().size());
    ToolStep step = trace.toolSteps().get(0);
    assertEquals("call_mock_order_001", step.callId());
    assertEquals("get_order_status", step.toolName());
    assertEquals(2, step.attempts().size());
    assertEquals("TimeoutError", step.attempts().get(0).errorType());
    assertTrue(step.recovered());
    assertEquals(new AgentSteps(1, 1, 1, 1, 1, 0, 2), trace.agentSteps());
    assertEquals(2, trace.llmCalls());
    // The agent span repeats its children's usage: totals are the two chat calls only.
    assertEquals(169L + 301L, trace.usage().inputTokens());
    assertEquals(18L + 23L, trace.usage().outputTokens());
    assertEquals(SpanRole.LLM_CALL, trace.target().role());
  }
}
