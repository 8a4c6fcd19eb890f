package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calls of a request go to a {@link BatchEvaluator} together; results land on their spans. */
class BatchScoringTest {
  private final List<List<String>> batches = new ArrayList<>();
  private final List<String> oneByOne = new ArrayList<>();

  @Test
  void theCallsOfARequestAreScoredInOneBatchInSpanOrder() {
    BatchingEvaluator evaluator = new BatchingEvaluator(false, null);
    ExportTraceServiceRequest request =
        request(chat(1, "q1"), plain(2), chat(3, "q3"), notCaptured(4), chat(5, "q5"));

    ProcessedTraces processed = processor(evaluator).process(request);

    assertEquals(List.of(List.of("q1", "q3", "q5")), batches);
    assertEquals(List.of(), oneByOne);
    List<Span> spans =
        processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpansList();
    assertEquals("scored q1", explanation(spans.get(0)));
    assertEquals(request.getResourceSpans(0).getScopeSpans(0).getSpans(1), spans.get(1));
    assertEquals("scored q3", explanation(spans.get(2)));
    assertEquals(EvaluationEligibility.NO_CONTENT, explanation(spans.get(3)));
    assertEquals("scored q5", explanation(spans.get(4)));
    assertEquals(
        List.of("scored q1", "scored q3", EvaluationEligibility.NO_CONTENT, "scored q5"),
        processed.evaluatedSpans().stream().map(s -> s.evaluation().explanation()).toList());
  }

  @Test
  void aFailingBatchIsScoredOneByOneAndOnlyTheCallAtFaultGoesUnscored() {
    BatchingEvaluator evaluator = new BatchingEvaluator(true, "q3");
    ExportTraceServiceRequest request = request(chat(1, "q1"), chat(3, "q3"), chat(5, "q5"));

    ProcessedTraces processed = processor(evaluator).process(request);

    assertEquals(List.of("q1", "q3", "q5"), oneByOne);
    assertEquals(1, processed.failedSpans());
    List<Span> spans =
        processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpansList();
    assertEquals("scored q1", explanation(spans.get(0)));
    assertEquals(request.getResourceSpans(0).getScopeSpans(0).getSpans(1), spans.get(1));
    assertEquals("scored q5", explanation(spans.get(2)));
    assertEquals(2, processed.evaluatedSpans().size());
  }

  @Test
  void aSingleCallIsScoredWithoutABatch() {
    BatchingEvaluator evaluator = new BatchingEvaluator(false, null);

    processor(evaluator).process(request(chat(1, "q1"), plain(2)));

    assertEquals(List.of(), batches);
    assertEquals(List.of("q1"), oneByOne);
  }

  private TraceRequestProcessor processor(Evaluator evaluator) {
    return new TraceRequestProcessor(
        GenAiExtractor.standard(), evaluator, SpanEnricher.withEvaluationEvents());
  }

  /**
   * Scores a batch back to front, as a parallel evaluator may finish it, and records what it was
   * given; {@code evaluateAll} throws when {@code batchFails}, {@code evaluate} on {@code broken}.
   */
  private final class BatchingEvaluator implements Evaluator, BatchEvaluator {
    private final boolean batchFails;
    private final String broken;

    BatchingEvaluator(boolean batchFails, String broken) {
      this.batchFails = batchFails;
      this.broken = broken;
    }

    @Override
    public Evaluation evaluate(ScoringInput input) {
      oneByOne.add(input.call().prompt());
      if (input.call().prompt().equals(broken)) {
        throw new IllegalStateException("scorer bug");
      }
      return scored(input);
    }

    @Override
    public List<Evaluation> evaluateAll(List<ScoringInput> inputs) {
      batches.add(inputs.stream().map(input -> input.call().prompt()).toList());
      if (batchFails) {
        throw new IllegalStateException("pool gone");
      }
      Evaluation[] results = new Evaluation[inputs.size()];
      for (int i = inputs.size() - 1; i >= 0; i--) {
        results[i] = scored(inputs.get(i));
      }
      return Arrays.asList(results);
    }

    private Evaluation scored(ScoringInput input) {
      return Evaluation.notEvaluated("default", "scored " + input.call().prompt());
    }
  }

  private static String explanation(Span span) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(ArgusAttributes.ARGUS_EVALUATION_EXPLANATION))
        .map(a -> a.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }

  private static Span chat(int id, String prompt) {
    return TestSpans.fullSpan(
        "chat gpt-4o",
        (byte) id,
        TestSpans.attribute("gen_ai.system", "openai"),
        TestSpans.attribute("gen_ai.request.model", "gpt-4o"),
        TestSpans.attribute("gen_ai.prompt", prompt),
        TestSpans.attribute("gen_ai.completion", "an answer to " + prompt));
  }

  private static Span notCaptured(int id) {
    return TestSpans.fullSpan(
        "chat gpt-4o",
        (byte) id,
        TestSpans.attribute("gen_ai.system", "openai"),
        TestSpans.attribute("gen_ai.operation.name", "chat"),
        TestSpans.attribute("gen_ai.request.model", "gpt-4o"));
  }

  private static Span plain(int id) {
    return TestSpans.fullSpan("GET /", (byte) id);
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    KeyValue service = TestSpans.attribute("service.name", "checkout");
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(service))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }
}
