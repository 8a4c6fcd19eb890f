package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Fixtures;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per convention through the whole processor: what each span of the trace gets follows
 * from its role (see {@link TraceRequestProcessor}).
 */
class GenAiSpansFixturesTest {
  private static final String ROOT = "fixtures/genai-spans/";

  static Stream<String> fixtures() {
    return Stream.of(
        "agent-invoke-tools",
        "legacy-attributes",
        "legacy-content-events",
        "legacy-events",
        "non-genai-http",
        "openinference",
        "openllmetry",
        "rag-retrieval-chat",
        "semconv-chat",
        "semconv-embeddings",
        "semconv-no-content",
        "semconv-tool-calls",
        "vercel-ai-sdk");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixture_eachSpanGetsWhatItsRoleCallsFor(String name) {
    JsonNode expected = Fixtures.json(ROOT + name + ".expected.json");
    ExportTraceServiceRequest request = OtlpFixtures.traces(ROOT + name + ".json");

    ProcessedTraces processed = CapturedTracesTest.processor().process(request);

    if (name.equals("non-genai-http")) {
      assertSame(request, processed.enrichedRequest());
      return;
    }
    for (JsonNode span : expected.get("spans")) {
      String id = span.get("span_id").asText();
      String verdict = CapturedTracesTest.attribute(processed, id, ArgusAttributes.ARGUS_VERDICT);
      switch (span.get("role").asText()) {
        case "llm_call" -> assertNotNull(verdict, name + " " + id);
        case "embeddings" -> {
          assertEquals("not_evaluated", verdict);
          assertEquals(
              ArgusAttributes.REASON_OPERATION_NOT_SCORED,
              CapturedTracesTest.attribute(
                  processed, id, ArgusAttributes.ARGUS_NOT_EVALUATED_REASON));
        }
        case "agent", "operation" -> assertNull(verdict, name + ": the answer is its children's");
        default ->
            assertEquals(
                OtlpFixtures.span(request, id),
                OtlpFixtures.span(processed.enrichedRequest(), id),
                name + " " + id + " changed");
      }
    }
    List<String> judged = new ArrayList<>();
    for (JsonNode span : expected.get("spans")) {
      String id = span.get("span_id").asText();
      String verdict = CapturedTracesTest.attribute(processed, id, ArgusAttributes.ARGUS_VERDICT);
      if (verdict != null && !verdict.equals("not_evaluated")) {
        judged.add(id);
      }
    }
    if (!expected.get("evaluable").asBoolean()) {
      assertEquals(List.of(), judged, name + ": nothing to judge");
      return;
    }
    // The final answer is judged on the target or on the span that carries the same answer.
    List<String> answer = new ArrayList<>();
    answer.add(expected.get("evaluation_target").get("span_id").asText());
    JsonNode also = expected.get("also_evaluable_spans");
    if (also != null && also.isArray()) {
      also.forEach(id -> answer.add(id.asText()));
    }
    assertTrue(judged.stream().anyMatch(answer::contains), name + ": judged " + judged);
    assertNotEquals(0, processed.evaluatedSpans().size());
  }
}
