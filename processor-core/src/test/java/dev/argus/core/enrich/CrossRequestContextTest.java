package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.GenAiTrace;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossRequestContextTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final RetrievedDocument PARIS =
      new RetrievedDocument("d1", 0.9, "Paris is the capital of France.");
  private static final RetrievedDocument LYON =
      new RetrievedDocument("d2", 0.7, "Lyon lies on the Rhone.");

  private final CrossRequestContext context =
      new CrossRequestContext(new TraceContextMemory(1 << 20, Duration.ofMinutes(5), () -> 0L));

  @Test
  void withRememberedContext_callInALaterRequestGetsDocumentsRetrievedBeforeItEnded() {
    context.remember(trace(TRACE, retrieval("r1", 100, PARIS), retrieval("r2", 900, LYON)));
    GenAiSpan call = modelCall("c1", 500);

    GenAiSpan withContext = context.withRememberedContext(trace(TRACE, call), call);

    assertEquals(List.of(PARIS), withContext.call().retrievedContext());
    assertEquals(call.call().completion(), withContext.call().completion());
    assertEquals(call.spanId(), withContext.spanId());
    assertEquals(call.endTimeUnixNano(), withContext.endTimeUnixNano());
  }

  @Test
  void withRememberedContext_retrievalInTheSameRequestTakesPrecedence() {
    context.remember(trace(TRACE, retrieval("r1", 100, PARIS)));
    GenAiSpan call = modelCall("c1", 500);
    GenAiTrace sameRequest = trace(TRACE, retrieval("r2", 200, LYON), call);

    assertSame(call, context.withRememberedContext(sameRequest, call));
  }

  @Test
  void withRememberedContext_retrievalStartedAfterTheCallEndedDoesNotCountForTheRequest() {
    context.remember(trace(TRACE, retrieval("r1", 100, PARIS)));
    GenAiSpan call = modelCall("c1", 500);
    GenAiTrace sameRequest = trace(TRACE, call, retrieval("r2", 600, LYON));

    GenAiSpan withContext = context.withRememberedContext(sameRequest, call);

    assertEquals(List.of(PARIS), withContext.call().retrievedContext());
  }

  @Test
  void withRememberedContext_otherTracesAndNonGenAiSpansAreLeftAsTheyCame() {
    context.remember(trace(TRACE, retrieval("r1", 100, PARIS)));
    GenAiSpan call = modelCall("c1", 500);
    GenAiSpan http = new GenAiSpan(0, 0, 1, "h1", null, "GET", SpanRole.OTHER, 1, 2, null, false);

    assertSame(call, context.withRememberedContext(trace("another", call), call));
    assertSame(http, context.withRememberedContext(trace(TRACE, http), http));
  }

  private static GenAiSpan retrieval(String spanId, long startNanos, RetrievedDocument document) {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("retrieval")
            .setRetrievedContext(List.of(document))
            .build();
    return new GenAiSpan(
        0,
        0,
        0,
        spanId,
        null,
        "retrieve",
        SpanRole.RETRIEVAL,
        startNanos,
        startNanos + 50,
        call,
        false);
  }

  private static GenAiSpan modelCall(String spanId, long endNanos) {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("chat")
            .setPrompt("What is the capital of France?")
            .setCompletion("Paris")
            .setContentStatus(ContentStatus.CAPTURED)
            .build();
    return new GenAiSpan(
        0, 0, 1, spanId, null, "chat", SpanRole.LLM_CALL, endNanos - 100, endNanos, call, false);
  }

  private static GenAiTrace trace(String traceId, GenAiSpan... spans) {
    return new GenAiTrace(
        traceId, List.of(spans), null, null, null, null, List.of(), null, null, List.of(), null, 0);
  }
}
