package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every synthetic fixture extracts exactly what its {@code .expected.json} says. */
class GenAiSpansFixturesTest {
  private static final String ROOT = "fixtures/genai-spans/";
  private static final Map<String, SpanRole> LEVELS =
      Map.of("llm_call", SpanRole.LLM_CALL, "agent", SpanRole.AGENT, "trace", SpanRole.OPERATION);

  private final GenAiExtractor extractor = GenAiExtractor.standard();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "semconv-chat", "semconv-tool-calls", "agent-invoke-tools", "rag-retrieval-chat",
        "legacy-attributes", "legacy-events", "legacy-content-events", "openllmetry",
        "openinference", "vercel-ai-sdk", "semconv-embeddings", "non-genai-http",
        "semconv-no-content"
      })
  void fixture_extractsExpected(String fixture) {
    JsonNode expected = OtlpFixtures.json(ROOT + fixture + ".expected.json");
    ExportTraceServiceRequest request = OtlpFixtures.traces(ROOT + fixture + ".json");

    List<GenAiTrace> traces = extractor.traces(request);

    if (expected.get("operation").isNull()) {
      assertTrue(traces.isEmpty(), "no gen-AI trace expected");
      assertTrue(extractor.extract(request).isEmpty());
      return;
    }
    assertEquals(1, traces.size());
    GenAiTrace trace = traces.get(0);
    assertEquals(expected.get("trace_id").asText(), trace.traceId());
    assertEquals(expected.get("evaluable").asBoolean(), trace.evaluable());
    assertSpans(expected.get("spans"), trace);
    assertSummary(expected, trace);
    assertUsage(expected.get("usage"), trace.usage());
    assertEquals(doubleOrNull(expected.get("cost_usd")), trace.costUsd());
    assertEquals(textOrNull(expected.get("conversation_id")), trace.conversationId());
    assertEquals(strings(expected.get("finish_reasons").get("normalized")), trace.finishReasons());
    assertToolCalls(expected.get("tool_calls"), trace);
    assertAgent(expected.get("agent"), trace);
    if (expected.get("evaluable").asBoolean()) {
      assertContent(expected, trace);
    } else {
      assertNull(trace.target());
      for (GenAiSpan span : trace.spans()) {
        if (span.isGenAi()) {
          assertEquals(ContentStatus.NOT_CAPTURED, span.call().contentStatus(), span.name());
          assertEquals("", span.call().completion());
        }
      }
    }
  }

  private static void assertSpans(JsonNode expectedSpans, GenAiTrace trace) {
    assertEquals(expectedSpans.size(), trace.spans().size());
    for (JsonNode expected : expectedSpans) {
      GenAiSpan span = trace.span(expected.get("span_id").asText());
      assertNotNull(span, expected.get("name").asText());
      assertEquals(expected.get("name").asText(), span.name());
      assertEquals(
          expected.get("role").asText().toUpperCase(Locale.ROOT),
          span.role().name(),
          "role of " + span.name());
      JsonNode usage = expected.get("usage");
      if (usage != null) {
        assertEquals(longOrNull(usage.get("input_tokens")), span.call().usage().inputTokens());
        assertEquals(longOrNull(usage.get("output_tokens")), span.call().usage().outputTokens());
      }
      JsonNode aggregate = expected.get("usage_is_aggregate_of_children");
      assertEquals(aggregate != null && aggregate.asBoolean(), span.usageAggregate(), span.name());
      JsonNode reasons = expected.get("finish_reasons_normalized");
      if (reasons != null) {
        assertEquals(strings(reasons), span.call().finishReasons());
      }
      if (expected.path("must_pass_through_unmodified").asBoolean()) {
        assertFalse(span.isGenAi(), span.name() + " must not be read as gen-AI");
      }
    }
  }

  /** Operation, provider and models of the target, else of the outermost gen-AI span. */
  private static void assertSummary(JsonNode expected, GenAiTrace trace) {
    GenAiCall summary = trace.target() != null ? trace.target().call() : outermost(trace).call();
    assertEquals(expected.get("operation").asText(), summary.operation());
    assertEquals(expected.get("provider").asText(), summary.provider());
    assertEquals(textOrNull(expected.get("model").get("request")), summary.requestModel());
    String response = summary.responseModel();
    if (response == null) {
      response = lastLlmCall(trace).call().responseModel();
    }
    assertEquals(textOrNull(expected.get("model").get("response")), response);
  }

  private static void assertContent(JsonNode expected, GenAiTrace trace) {
    JsonNode target = expected.get("evaluation_target");
    assertEquals(target.get("span_id").asText(), trace.target().spanId());
    assertEquals(LEVELS.get(target.get("level").asText()), trace.target().role());
    GenAiCall call = trace.call();
    assertEquals(ContentStatus.CAPTURED, call.contentStatus());
    assertEquals(expected.get("prompt").asText(), call.prompt());
    assertEquals(expected.get("system_instructions").asText(), call.systemInstructions());
    assertEquals(expected.get("completion").asText(), call.completion());
    List<RetrievedDocument> retrieved = new ArrayList<>();
    for (RetrievedDocument document : call.retrievedContext()) {
      if (document.source() == RetrievedDocument.Source.RETRIEVAL) {
        retrieved.add(document);
      }
    }
    JsonNode documents = expected.get("retrieved_context");
    assertEquals(documents.size(), retrieved.size());
    for (int i = 0; i < documents.size(); i++) {
      assertEquals(documents.get(i).get("id").asText(), retrieved.get(i).id());
      assertEquals(documents.get(i).get("score").asDouble(), retrieved.get(i).score());
      assertEquals(documents.get(i).get("content").asText(), retrieved.get(i).content());
    }
    JsonNode query = expected.get("retrieval_query");
    assertEquals(query == null ? null : query.asText(), trace.retrievalQuery());
  }

  private static void assertUsage(JsonNode expected, TokenUsage usage) {
    assertEquals(longOrNull(expected.get("input_tokens")), usage.inputTokens());
    assertEquals(longOrNull(expected.get("output_tokens")), usage.outputTokens());
    assertEquals(longOrNull(expected.get("cache_read_input_tokens")), usage.cacheReadTokens());
    assertEquals(longOrNull(expected.get("cache_write_input_tokens")), usage.cacheWriteTokens());
    assertEquals(longOrNull(expected.get("reasoning_output_tokens")), usage.reasoningTokens());
    assertEquals(longOrNull(expected.get("total_tokens")), usage.totalTokens());
  }

  private static void assertToolCalls(JsonNode expected, GenAiTrace trace) {
    assertEquals(expected.size(), trace.toolSteps().size());
    for (JsonNode call : expected) {
      ToolStep step = step(trace, call.get("id").asText());
      assertEquals(call.get("name").asText(), step.toolName());
      assertJson(call.get("arguments"), step.arguments());
      assertJson(call.get("result"), step.result());
      if (call.has("attempts")) {
        assertEquals(call.get("attempts").asInt(), step.attempts().size());
      }
      String status = call.get("status").asText();
      assertEquals(!status.equals("error"), step.completed());
      assertEquals(status.equals("ok_after_retry"), step.recovered());
      if (call.has("requested_in_span")) {
        assertEquals(call.get("requested_in_span").asText(), step.requestedInSpanId());
      }
      if (call.has("executed_in_span")) {
        assertEquals(call.get("executed_in_span").asText(), step.attempts().get(0).spanId());
      }
      if (call.has("failed_attempt")) {
        ToolAttempt failed = step.attempts().get(0);
        assertTrue(failed.failed());
        assertEquals(call.get("failed_attempt").get("span_id").asText(), failed.spanId());
        assertEquals(call.get("failed_attempt").get("error_type").asText(), failed.errorType());
        assertEquals(call.get("failed_attempt").get("message").asText(), failed.errorMessage());
      }
    }
  }

  private static void assertAgent(JsonNode expected, GenAiTrace trace) {
    if (expected == null || expected.isNull()) {
      return;
    }
    assertNotNull(trace.agentSteps());
    assertEquals(expected.get("llm_calls").asInt(), trace.llmCalls());
    JsonNode steps = expected.get("steps");
    AgentSteps actual = trace.agentSteps();
    assertEquals(
        steps.get("planned").isNull() ? null : steps.get("planned").asInt(), actual.planned());
    assertEquals(steps.get("completed").asInt(), actual.completed());
    assertEquals(steps.get("failed").asInt(), actual.failed());
    assertEquals(steps.get("recovered").asInt(), actual.recovered());
    assertEquals(steps.get("retries").asInt(), actual.retries());
    assertEquals(steps.get("unrecovered_failed").asInt(), actual.unrecoveredFailed());
    assertEquals(steps.get("tool_attempts").asInt(), actual.toolAttempts());
  }

  private static ToolStep step(GenAiTrace trace, String callId) {
    for (ToolStep step : trace.toolSteps()) {
      if (callId.equals(step.callId())) {
        return step;
      }
    }
    throw new AssertionError("no tool step " + callId);
  }

  private static void assertJson(JsonNode expected, String actual) {
    if (expected == null || expected.isNull()) {
      assertNull(actual);
      return;
    }
    try {
      assertEquals(expected, OtlpFixtures.MAPPER.readTree(actual));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + actual, e);
    }
  }

  private static GenAiSpan outermost(GenAiTrace trace) {
    for (GenAiSpan span : trace.spans()) {
      if (span.isGenAi()
          && (span.parentSpanId() == null
              || trace.span(span.parentSpanId()) == null
              || !trace.span(span.parentSpanId()).isGenAi())) {
        return span;
      }
    }
    throw new AssertionError("no gen-AI span");
  }

  private static GenAiSpan lastLlmCall(GenAiTrace trace) {
    GenAiSpan last = null;
    for (GenAiSpan span : trace.spans()) {
      if (span.role() == SpanRole.LLM_CALL
          && (last == null || span.endTimeUnixNano() >= last.endTimeUnixNano())) {
        last = span;
      }
    }
    return last == null ? outermost(trace) : last;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  static Long longOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }

  private static Double doubleOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
