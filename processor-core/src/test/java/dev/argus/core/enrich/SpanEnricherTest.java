package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpanEnricherTest {
  private static final GenAiCall CALL = GenAiCall.builder().setResponseId("resp-1").build();
  private final SpanEnricher enricher = SpanEnricher.withEvaluationEvents();

  @Test
  void enrich_addsScoresVerdictAndFailedDimensions() {
    Span span = TestSpans.fullSpan("chat m", (byte) 1, TestSpans.attribute("gen_ai.x", "y"));

    Span enriched = enricher.enrich(span, CALL, TestSpans.failingEvaluation());

    Map<String, AnyValue> attributes = attributes(enriched);
    assertEquals(0.25, attributes.get("argus.score.groundedness").getDoubleValue());
    assertEquals(1.0, attributes.get("argus.score.safety").getDoubleValue());
    assertFalse(attributes.containsKey("argus.score.variance"), "not applicable is not scored");
    assertEquals(0.55, attributes.get(ArgusAttributes.ARGUS_SCORE_COMPOSITE).getDoubleValue());
    assertEquals("fail", attributes.get(ArgusAttributes.ARGUS_VERDICT).getStringValue());
    assertEquals("default", attributes.get(ArgusAttributes.ARGUS_PROFILE).getStringValue());
    assertEquals(
        "groundedness 0.25 < 0.60",
        attributes.get(ArgusAttributes.ARGUS_EVALUATION_EXPLANATION).getStringValue());
    List<String> failed =
        attributes
            .get(ArgusAttributes.ARGUS_FAILED_DIMENSIONS)
            .getArrayValue()
            .getValuesList()
            .stream()
            .map(AnyValue::getStringValue)
            .collect(Collectors.toList());
    assertEquals(List.of("groundedness", "composite"), failed);
  }

  @Test
  void enrich_leavesEveryOriginalFieldByteIdentical() {
    Span span = TestSpans.fullSpan("chat m", (byte) 1, TestSpans.attribute("gen_ai.x", "y"));

    Span enriched = enricher.enrich(span, CALL, TestSpans.failingEvaluation());

    Span stripped =
        enriched.toBuilder()
            .clearAttributes()
            .addAllAttributes(enriched.getAttributesList().subList(0, 1))
            .clearEvents()
            .addAllEvents(enriched.getEventsList().subList(0, 1))
            .build();
    assertArrayEquals(span.toByteArray(), stripped.toByteArray());
  }

  @Test
  void enrich_neverOverwritesAnExistingAttribute() {
    Span span =
        TestSpans.fullSpan("chat m", (byte) 1, TestSpans.attribute("argus.score.safety", "mine"));

    Span enriched = enricher.enrich(span, CALL, TestSpans.failingEvaluation());

    long count =
        enriched.getAttributesList().stream()
            .filter(a -> a.getKey().equals("argus.score.safety"))
            .count();
    assertEquals(1, count);
    assertEquals("mine", attributes(enriched).get("argus.score.safety").getStringValue());
  }

  @Test
  void enrich_returnsSpanAlreadyCarryingAVerdictUnchanged() {
    Span span =
        TestSpans.fullSpan("chat m", (byte) 1, TestSpans.attribute("argus.verdict", "pass"));

    assertSame(span, enricher.enrich(span, CALL, TestSpans.failingEvaluation()));
  }

  @Test
  void enrich_appendsOneEvaluationEventPerScoredDimension() {
    Span span = TestSpans.fullSpan("chat m", (byte) 1);

    Span enriched = enricher.enrich(span, CALL, TestSpans.failingEvaluation());

    List<Span.Event> events = enriched.getEventsList().subList(1, enriched.getEventsCount());
    assertEquals(2, events.size());
    Span.Event groundedness = events.get(0);
    assertEquals("gen_ai.evaluation.result", groundedness.getName());
    assertEquals(span.getEndTimeUnixNano(), groundedness.getTimeUnixNano());
    Map<String, AnyValue> attributes = toMap(groundedness.getAttributesList());
    assertEquals("groundedness", attributes.get("gen_ai.evaluation.name").getStringValue());
    assertEquals(0.25, attributes.get("gen_ai.evaluation.score.value").getDoubleValue());
    assertEquals("fail", attributes.get("gen_ai.evaluation.score.label").getStringValue());
    assertEquals(
        "2 of 3 claims unsupported",
        attributes.get("gen_ai.evaluation.explanation").getStringValue());
    assertEquals("resp-1", attributes.get("gen_ai.response.id").getStringValue());
    Map<String, AnyValue> safety = toMap(events.get(1).getAttributesList());
    assertEquals("safety", safety.get("gen_ai.evaluation.name").getStringValue());
    assertEquals("pass", safety.get("gen_ai.evaluation.score.label").getStringValue());
  }

  @Test
  void enrich_withoutEventsAddsAttributesOnly() {
    Span span = TestSpans.fullSpan("chat m", (byte) 1);

    Span enriched = new SpanEnricher(false).enrich(span, CALL, TestSpans.failingEvaluation());

    assertEquals(span.getEventsList(), enriched.getEventsList());
    assertTrue(attributes(enriched).containsKey(ArgusAttributes.ARGUS_VERDICT));
  }

  @Test
  void enrich_notEvaluatedWritesVerdictAndReasonButNoScores() {
    Span span = TestSpans.fullSpan("chat m", (byte) 1);

    Span enriched = enricher.enrich(span, CALL, Evaluation.notEvaluated("default", "no content"));

    Map<String, AnyValue> attributes = attributes(enriched);
    assertEquals("not_evaluated", attributes.get(ArgusAttributes.ARGUS_VERDICT).getStringValue());
    assertEquals(
        "no content",
        attributes.get(ArgusAttributes.ARGUS_EVALUATION_EXPLANATION).getStringValue());
    assertTrue(
        attributes.keySet().stream()
            .noneMatch(k -> k.startsWith(ArgusAttributes.ARGUS_SCORE_PREFIX)),
        attributes.keySet().toString());
    assertFalse(attributes.containsKey(ArgusAttributes.ARGUS_FAILED_DIMENSIONS));
    assertEquals(span.getEventsList(), enriched.getEventsList());
  }

  private static Map<String, AnyValue> attributes(Span span) {
    return toMap(span.getAttributesList());
  }

  private static Map<String, AnyValue> toMap(List<KeyValue> keyValues) {
    return keyValues.stream()
        .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue, (a, b) -> a));
  }
}
