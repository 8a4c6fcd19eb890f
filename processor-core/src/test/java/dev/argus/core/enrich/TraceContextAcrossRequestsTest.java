package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.GenAiTrace;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Retrieval spans exported in one request, their model call in the next. */
class TraceContextAcrossRequestsTest {
  private static final String RAG = "fixtures/genai-spans/rag-retrieval-chat.json";

  @Test
  void callInALaterRequest_isJudgedAgainstTheDocumentsOfAnEarlierOne() {
    ExportTraceServiceRequest whole = OtlpFixtures.traces(RAG);
    Set<String> retrievals = retrievalSpanIds(whole);
    assertFalse(retrievals.isEmpty(), "the capture has a retrieval span");
    ExportTraceServiceRequest first = only(whole, span -> retrievals.contains(hex(span)));
    ExportTraceServiceRequest second = only(whole, span -> !retrievals.contains(hex(span)));
    EvaluatedSpan together = lastEvaluated(CapturedTracesTest.processor().process(whole));

    TraceRequestProcessor processor = CapturedTracesTest.processor();
    processor.process(first);
    EvaluatedSpan apart = lastEvaluated(processor.process(second));

    List<RetrievedDocument> documents = together.call().retrievedContext();
    assertEquals(RetrievedDocument.Source.RETRIEVAL, documents.get(0).source());
    assertEquals(documents, apart.call().retrievedContext(), "the earlier request's documents");
    assertEquals(together.evaluation().scores(), apart.evaluation().scores());
    EvaluatedSpan alone = lastEvaluated(CapturedTracesTest.processor().process(second));
    assertNotEquals(documents, alone.call().retrievedContext(), "without the earlier request");
  }

  @Test
  void memory_keepsOnlyDocumentsRetrievedBeforeTheCallEndedAndForgetsAfterTheTtl() {
    AtomicLong nanos = new AtomicLong();
    TraceContextMemory memory = new TraceContextMemory(1 << 20, Duration.ofMinutes(1), nanos::get);
    RetrievedDocument early = new RetrievedDocument("a", null, "Paris is in France.");
    RetrievedDocument late = new RetrievedDocument("b", null, "Lyon is in France.");
    memory.remember("t1", List.of(early), 100);
    memory.remember("t1", List.of(late), 300);

    assertEquals(List.of(early), memory.documents("t1", 200));
    assertEquals(List.of(early, late), memory.documents("t1", 0), "call not ended: all");
    assertEquals(List.of(), memory.documents("t2", 200), "another trace");
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertEquals(List.of(), memory.documents("t1", 0));
  }

  @Test
  void memory_isBoundedInBytes() {
    TraceContextMemory memory = new TraceContextMemory(10_000, Duration.ofMinutes(1), () -> 0L);
    String text = "x".repeat(1_000);
    for (int i = 0; i < 100; i++) {
      memory.remember("t" + i, List.of(new RetrievedDocument("d", null, text)), 0);
    }

    int kept = 0;
    for (int i = 0; i < 100; i++) {
      kept += memory.documents("t" + i, 0).size();
    }
    assertTrue(kept > 0 && kept <= 10_000 / 2_000, "kept " + kept);
  }

  private static Set<String> retrievalSpanIds(ExportTraceServiceRequest request) {
    Set<String> ids = new HashSet<>();
    for (GenAiTrace trace : GenAiExtractor.standard().traces(request)) {
      for (GenAiSpan span : trace.spans()) {
        if (span.role() == SpanRole.RETRIEVAL) {
          ids.add(span.spanId());
        }
      }
    }
    return ids;
  }

  private static ExportTraceServiceRequest only(
      ExportTraceServiceRequest request, Predicate<Span> keep) {
    ExportTraceServiceRequest.Builder out = ExportTraceServiceRequest.newBuilder();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      ResourceSpans.Builder kept = resource.toBuilder().clearScopeSpans();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        ScopeSpans.Builder spans = scope.toBuilder().clearSpans();
        scope.getSpansList().stream().filter(keep).forEach(spans::addSpans);
        kept.addScopeSpans(spans);
      }
      out.addResourceSpans(kept);
    }
    return out.build();
  }

  private static EvaluatedSpan lastEvaluated(ProcessedTraces processed) {
    assertFalse(processed.evaluatedSpans().isEmpty(), "a model call was evaluated");
    return processed.evaluatedSpans().get(processed.evaluatedSpans().size() - 1);
  }

  private static String hex(Span span) {
    return HexFormat.of().formatHex(span.getSpanId().toByteArray());
  }
}
