package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.LogJoin;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agent metrics are computed from the assembled trace and written on the {@code invoke_agent} span,
 * also when its children were exported in an earlier request.
 */
class AgentRunsTest {
  private static final String TOOLS = "fixtures/genai-spans/agent-invoke-tools.json";
  private static final String AGENT = "37f0b9fecb4c2655";
  private static final List<String> CHATS = List.of("0561b6fc9ebcbf24", "3a002fc9d888a798");
  private static final List<String> TOOL_SPANS =
      List.of("54dec7d17382e5fc", "67b4a7ca785f5d60", "dc34fa16233600d8", "abf8955558fd3c5e");

  private final TraceRequestProcessor processor = CapturedTracesTest.processor();

  @Test
  void agentInvokeTools_metricsOnTheAgentSpanAndVerdictsOnEachModelCall() {
    ExportTraceServiceRequest request = OtlpFixtures.traces(TOOLS);

    ProcessedTraces processed = processor.process(request);

    Span agent = OtlpFixtures.span(processed.enrichedRequest(), AGENT);
    assertTripDeskMetrics(agent);
    // The agent's question and answer are those of its last chat span, which is scored.
    assertNull(value(agent, ArgusAttributes.ARGUS_VERDICT));
    for (String chat : CHATS) {
      Span span = OtlpFixtures.span(processed.enrichedRequest(), chat);
      assertNotNull(value(span, ArgusAttributes.ARGUS_VERDICT), chat);
    }
    assertEquals(2, processed.evaluatedSpans().size());
    for (String tool : TOOL_SPANS) {
      assertEquals(
          OtlpFixtures.span(request, tool), OtlpFixtures.span(processed.enrichedRequest(), tool));
    }
  }

  @Test
  void agentInvokeTools_childrenInAnEarlierRequestStillCount() {
    ExportTraceServiceRequest request = OtlpFixtures.traces(TOOLS);
    ExportTraceServiceRequest children =
        OtlpFixtures.filter(request, span -> !OtlpFixtures.hex(span).equals(AGENT));
    ExportTraceServiceRequest parent =
        OtlpFixtures.filter(request, span -> OtlpFixtures.hex(span).equals(AGENT));

    ProcessedTraces first = processor.process(children);
    ProcessedTraces second = processor.process(parent);

    assertEquals(2, first.evaluatedSpans().size());
    Span agent = OtlpFixtures.span(second.enrichedRequest(), AGENT);
    assertTripDeskMetrics(agent);
    // Alone in its request the agent span still repeats model calls already scored.
    assertNull(value(agent, ArgusAttributes.ARGUS_VERDICT));
    assertEquals(List.of(), second.evaluatedSpans());
  }

  @Test
  void childrenBelowANonGenAiSpan_inAnEarlierRequest_stillCount() {
    // The agent is not the root (an HTTP server span above it), so only a linked parent chain
    // ties the children to it.
    ExportTraceServiceRequest.Builder nested = OtlpFixtures.traces(TOOLS).toBuilder();
    ScopeSpans.Builder spans = nested.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    for (int i = 0; i < spans.getSpansCount(); i++) {
      if (OtlpFixtures.hex(spans.getSpans(i)).equals(AGENT)) {
        spans.setSpans(
            i,
            spans.getSpans(i).toBuilder()
                .setParentSpanId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9})));
      }
    }
    ExportTraceServiceRequest request = nested.build();
    Span agentSpan = OtlpFixtures.span(request, AGENT);
    // A framework span (no gen-AI attributes) between the agent and its children.
    Span step =
        Span.newBuilder()
            .setTraceId(agentSpan.getTraceId())
            .setSpanId(ByteString.copyFrom(new byte[] {7, 7, 7, 7, 7, 7, 7, 7}))
            .setParentSpanId(agentSpan.getSpanId())
            .setName("planner step")
            .setStartTimeUnixNano(agentSpan.getStartTimeUnixNano())
            .setEndTimeUnixNano(agentSpan.getEndTimeUnixNano() - 1)
            .build();
    ExportTraceServiceRequest.Builder children =
        OtlpFixtures.filter(request, span -> !OtlpFixtures.hex(span).equals(AGENT)).toBuilder();
    ScopeSpans.Builder scope = children.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    for (int i = 0; i < scope.getSpansCount(); i++) {
      scope.setSpans(i, scope.getSpans(i).toBuilder().setParentSpanId(step.getSpanId()));
    }
    scope.addSpans(step);

    processor.process(children.build());
    ProcessedTraces second =
        processor.process(
            OtlpFixtures.filter(request, span -> OtlpFixtures.hex(span).equals(AGENT)));

    assertTripDeskMetrics(OtlpFixtures.span(second.enrichedRequest(), AGENT));
  }

  @Test
  void agentAlone_withContentAndNoModelCallsSeen_isScoredItself() {
    ExportTraceServiceRequest parent =
        OtlpFixtures.filter(
            OtlpFixtures.traces(TOOLS), span -> OtlpFixtures.hex(span).equals(AGENT));

    ProcessedTraces processed = processor.process(parent);

    assertEquals(1, processed.evaluatedSpans().size());
    Span agent = OtlpFixtures.span(processed.enrichedRequest(), AGENT);
    assertNotNull(value(agent, ArgusAttributes.ARGUS_VERDICT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"otel", "traceloop", "openinference"})
  void agentToolRetry_failedAttemptRecoveredByRetry(String library) {
    String path = "fixtures/captured/" + library + "/agent_tool_retry.pb";
    ExportTraceServiceRequest request = OtlpFixtures.traces(path);
    LogJoin logs =
        library.equals("otel")
            ? LogJoin.of(OtlpFixtures.logs("fixtures/captured/otel/agent_tool_retry.logs.pb"))
            : LogJoin.empty();

    ProcessedTraces processed = processor.process(request, logs);

    assertRetryMetrics(OtlpFixtures.span(processed.enrichedRequest(), agentId(request)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"otel", "traceloop", "openinference"})
  void agentToolRetry_splitAcrossTwoRequests(String library) {
    String path = "fixtures/captured/" + library + "/agent_tool_retry.pb";
    ExportTraceServiceRequest request = OtlpFixtures.traces(path);
    LogJoin logs =
        library.equals("otel")
            ? LogJoin.of(OtlpFixtures.logs("fixtures/captured/otel/agent_tool_retry.logs.pb"))
            : LogJoin.empty();

    String agent = agentId(request);

    ProcessedTraces first =
        processor.process(
            OtlpFixtures.filter(request, span -> !OtlpFixtures.hex(span).equals(agent)), logs);
    ProcessedTraces second =
        processor.process(
            OtlpFixtures.filter(request, span -> OtlpFixtures.hex(span).equals(agent)), logs);

    assertEquals(2, first.evaluatedSpans().size(), "both chat calls");
    assertRetryMetrics(OtlpFixtures.span(second.enrichedRequest(), agent));
    assertEquals(List.of(), second.evaluatedSpans());
  }

  /** chat1 planned 3 tools; the weather tool timed out once and its retry succeeded. */
  private static void assertTripDeskMetrics(Span agent) {
    assertEquals(3L, value(agent, ArgusAttributes.ARGUS_AGENT_PLANNED_STEPS).getIntValue());
    assertEquals(3L, value(agent, ArgusAttributes.ARGUS_AGENT_COMPLETED_STEPS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_FAILED_ATTEMPTS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_RECOVERED_STEPS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_RETRIES).getIntValue());
    assertEquals(
        1.0, value(agent, ArgusAttributes.ARGUS_AGENT_SUCCESS_FRACTION).getDoubleValue(), 1e-9);
    assertEquals(0.95, value(agent, ArgusAttributes.ARGUS_AGENT_STABILITY).getDoubleValue(), 1e-9);
    assertEquals(
        1.0, value(agent, ArgusAttributes.ARGUS_AGENT_ERROR_RECOVERY_RATE).getDoubleValue(), 1e-9);
    // Tokens of the two chat spans only (1390 + 1930); the agent span repeats their sum.
    assertEquals(
        3320 / 3.0,
        value(agent, ArgusAttributes.ARGUS_AGENT_TOKENS_PER_COMPLETED_STEP).getDoubleValue(),
        1e-9);
    assertNull(value(agent, ArgusAttributes.ARGUS_AGENT_COST_PER_COMPLETED_STEP), "no cost sent");
  }

  /** One planned tool call; its first attempt timed out and the retry returned the order. */
  private static void assertRetryMetrics(Span agent) {
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_PLANNED_STEPS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_COMPLETED_STEPS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_FAILED_ATTEMPTS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_RECOVERED_STEPS).getIntValue());
    assertEquals(1L, value(agent, ArgusAttributes.ARGUS_AGENT_RETRIES).getIntValue());
    assertEquals(
        1.0, value(agent, ArgusAttributes.ARGUS_AGENT_ERROR_RECOVERY_RATE).getDoubleValue(), 1e-9);
    assertEquals(0.95, value(agent, ArgusAttributes.ARGUS_AGENT_STABILITY).getDoubleValue(), 1e-9);
  }

  private static String agentId(ExportTraceServiceRequest request) {
    for (Span span : OtlpFixtures.spans(request)) {
      if (span.getName().startsWith("invoke_agent")) {
        return OtlpFixtures.hex(span);
      }
    }
    throw new AssertionError("no invoke_agent span");
  }

  private static AnyValue value(Span span, String key) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue();
      }
    }
    return null;
  }
}
