package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.ConventionExtractor;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.extract.SpanView;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceRequestProcessorCorrectionTest {

  private static final KeyValue CHAT = TestSpans.attribute("gen_ai.operation.name", "chat");

  private final List<Integer> attempts = new ArrayList<>();
  private final List<EvaluatedSpan> linked = new ArrayList<>();

  @Test
  void process_failedSpan_getsCorrectionIdFromLinker() {
    TraceRequestProcessor processor = processor(TestSpans.failingEvaluation(), recording());

    Span span = only(processor.process(request(TestSpans.fullSpan("chat", (byte) 2, CHAT))));

    assertEquals("evt_1", value(span, ArgusAttributes.ARGUS_CORRECTION_ID).getStringValue());
    assertEquals(List.of(0), attempts);
    assertEquals("0000000000000002", linked.get(0).spanId());
  }

  @Test
  void process_readsCorrectionAttemptAsIntOrText() {
    TraceRequestProcessor processor = processor(TestSpans.failingEvaluation(), recording());
    KeyValue asInt =
        KeyValue.newBuilder()
            .setKey(ArgusAttributes.ARGUS_CORRECTION_ATTEMPT)
            .setValue(AnyValue.newBuilder().setIntValue(2))
            .build();
    KeyValue asText = TestSpans.attribute(ArgusAttributes.ARGUS_CORRECTION_ATTEMPT, "1");

    processor.process(
        request(
            TestSpans.fullSpan("chat", (byte) 2, CHAT, asInt),
            TestSpans.fullSpan("chat", (byte) 3, CHAT, asText)));

    assertEquals(List.of(2, 1), attempts);
  }

  @Test
  void process_passedSpan_isNotOffered() {
    Evaluation passed = Evaluation.notEvaluated("default", "nothing to score");
    TraceRequestProcessor processor = processor(passed, recording());

    Span span = only(processor.process(request(TestSpans.fullSpan("chat", (byte) 2, CHAT))));

    assertTrue(linked.isEmpty());
    assertTrue(
        span.getAttributesList().stream()
            .noneMatch(a -> a.getKey().equals(ArgusAttributes.ARGUS_CORRECTION_ID)));
  }

  @Test
  void process_throwingLinker_leavesSpanEnrichedWithoutId() {
    CorrectionLinker broken =
        (span, attempt) -> {
          throw new IllegalStateException("boom");
        };
    TraceRequestProcessor processor = processor(TestSpans.failingEvaluation(), broken);

    ProcessedTraces processed =
        processor.process(request(TestSpans.fullSpan("chat", (byte) 2, CHAT)));

    Span span = only(processed);
    assertEquals("fail", value(span, ArgusAttributes.ARGUS_VERDICT).getStringValue());
    assertTrue(
        span.getAttributesList().stream()
            .noneMatch(a -> a.getKey().equals(ArgusAttributes.ARGUS_CORRECTION_ID)));
    assertEquals(0, processed.failedSpans());
  }

  private CorrectionLinker recording() {
    return (span, attempt) -> {
      linked.add(span);
      attempts.add(attempt);
      return Optional.of("evt_" + linked.size());
    };
  }

  private static TraceRequestProcessor processor(Evaluation evaluation, CorrectionLinker linker) {
    Evaluator evaluator = input -> evaluation;
    return new TraceRequestProcessor(
        new GenAiExtractor(List.of(new ChatOnly())),
        evaluator,
        SpanEnricher.withEvaluationEvents(),
        linker);
  }

  private static Span only(ProcessedTraces processed) {
    return processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  private static AnyValue value(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }

  private static final class ChatOnly implements ConventionExtractor {
    @Override
    public String name() {
      return "test";
    }

    @Override
    public boolean recognizes(SpanView view) {
      return view.span().getAttributesList().contains(CHAT);
    }

    @Override
    public GenAiCall extract(SpanView view) {
      return GenAiCall.builder()
          .setPrompt("q")
          .setCompletion("a")
          .setContentStatus(ContentStatus.CAPTURED)
          .build();
    }
  }
}
