package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestBatchTest {
  private static final GenAiCall CALL = GenAiCall.builder().setOperation("chat").build();

  private final Span first = TestSpans.fullSpan("first", (byte) 1);
  private final Span second = TestSpans.fullSpan("second", (byte) 2);
  private final Span third = TestSpans.fullSpan("third", (byte) 3);
  private final ExportTraceServiceRequest request =
      ExportTraceServiceRequest.newBuilder()
          .addResourceSpans(
              ResourceSpans.newBuilder()
                  .setResource(
                      Resource.newBuilder()
                          .addAttributes(TestSpans.attribute("service.name", "checkout")))
                  .addScopeSpans(ScopeSpans.newBuilder().addSpans(first).addSpans(second)))
          .addResourceSpans(
              ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(third)))
          .build();

  @Test
  void finish_withNothingChangedReturnsTheRequestItself() {
    RequestBatch batch = new RequestBatch(request, Set.of());
    GenAiSpan span = span(0, 1);
    batch.update(span, batch.current(span));

    assertEquals(List.of(), batch.planned());
    ProcessedTraces result = batch.finish();

    assertSame(request, result.enrichedRequest());
    assertEquals(List.of(), result.evaluatedSpans());
  }

  @Test
  void finish_putsReplacementsInPlaceAndListsEvaluatedSpansInRequestOrder() {
    RequestBatch batch = new RequestBatch(request, Set.of());
    Span renamed = second.toBuilder().setName("second, enriched").build();
    batch.update(span(0, 1), renamed);
    batch.evaluated(span(1, 0), evaluated("third"));
    batch.evaluated(span(0, 1), evaluated("second"));

    assertEquals(List.of(), batch.planned());
    ProcessedTraces result = batch.finish();

    assertSame(renamed, batch.current(span(0, 1)));
    ExportTraceServiceRequest out = result.enrichedRequest();
    assertEquals(first, out.getResourceSpans(0).getScopeSpans(0).getSpans(0));
    assertEquals(renamed, out.getResourceSpans(0).getScopeSpans(0).getSpans(1));
    assertEquals(third, out.getResourceSpans(1).getScopeSpans(0).getSpans(0));
    assertEquals(
        List.of("second", "third"),
        result.evaluatedSpans().stream().map(EvaluatedSpan::spanId).toList());
  }

  @Test
  void finish_runsTheStepsInTheOrderAddedAndCountsFailures() {
    RequestBatch batch = new RequestBatch(request, Set.of());
    List<String> ran = new ArrayList<>();
    batch.afterScoring(() -> ran.add("enrich"));
    batch.afterScoring(() -> ran.add("agent metrics"));
    batch.countFailed();

    assertEquals(List.of(), batch.planned());
    ProcessedTraces result = batch.finish();

    assertEquals(List.of("enrich", "agent metrics"), ran);
    assertEquals(1, result.failedSpans());
  }

  @Test
  void serviceName_isNullForAResourceWithoutOne() {
    RequestBatch batch = new RequestBatch(request, Set.of());

    assertEquals("checkout", batch.serviceName(0));
    assertNull(batch.serviceName(1));
  }

  @Test
  void contentOverdue_matchesTraceIdAndSpanId() {
    ByteString key = second.getTraceId().concat(second.getSpanId());
    RequestBatch batch = new RequestBatch(request, Set.of(key));

    assertTrue(batch.contentOverdue(second));
    assertFalse(batch.contentOverdue(first));
  }

  private static GenAiSpan span(int resource, int index) {
    return new GenAiSpan(
        resource, 0, index, "span" + index, null, "chat", SpanRole.LLM_CALL, 1, 2, CALL, false);
  }

  private static EvaluatedSpan evaluated(String spanId) {
    return new EvaluatedSpan(
        "trace", spanId, null, CALL, Evaluation.notEvaluated(null, "no output"));
  }
}
