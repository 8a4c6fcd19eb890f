package dev.argus.core.enrich;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.GenAiTrace;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.List;

/**
 * Carries the documents a trace retrieved over to its model calls in later export requests, so a
 * call exported after the retrieval spans of its trace is still judged against them. Thread-safe;
 * bounded by its {@link TraceContextMemory}.
 */
final class CrossRequestContext {
  // Retrieved documents of traces whose model call may come in a later request.
  private final TraceContextMemory memory;

  /** Creates a carrier over a memory with the default bounds and the system clock. */
  CrossRequestContext() {
    this(
        new TraceContextMemory(
            TraceContextMemory.DEFAULT_MAX_BYTES,
            TraceContextMemory.DEFAULT_TTL,
            Ticker.systemTicker()));
  }

  CrossRequestContext(TraceContextMemory memory) {
    this.memory = memory;
  }

  /** Remembers the documents of the retrieval spans of {@code trace} for its later requests. */
  void remember(GenAiTrace trace) {
    for (GenAiSpan span : trace.spans()) {
      if (span.role() == SpanRole.RETRIEVAL && span.call() != null) {
        memory.remember(trace.traceId(), span.call().retrievedContext(), span.startTimeUnixNano());
      }
    }
  }

  /**
   * Returns {@code span} with the documents its trace retrieved in earlier requests (those that
   * started before the call ended), when no retrieval span of this request did: as within one
   * request, retrieved documents take the place of the call's own context block.
   */
  GenAiSpan withRememberedContext(GenAiTrace trace, GenAiSpan span) {
    if (span.call() == null || retrievedInRequest(trace, span)) {
      return span;
    }
    List<RetrievedDocument> documents = memory.documents(trace.traceId(), span.endTimeUnixNano());
    if (documents.isEmpty()) {
      return span;
    }
    return new GenAiSpan(
        span.resourceIndex(),
        span.scopeIndex(),
        span.spanIndex(),
        span.spanId(),
        span.parentSpanId(),
        span.name(),
        span.role(),
        span.startTimeUnixNano(),
        span.endTimeUnixNano(),
        span.call().toBuilder().setRetrievedContext(documents).build(),
        span.usageAggregate());
  }

  private static boolean retrievedInRequest(GenAiTrace trace, GenAiSpan call) {
    long end = call.endTimeUnixNano() == 0 ? Long.MAX_VALUE : call.endTimeUnixNano();
    for (GenAiSpan span : trace.spans()) {
      if (span.role() == SpanRole.RETRIEVAL
          && span.call() != null
          && !span.call().retrievedContext().isEmpty()
          && span.startTimeUnixNano() <= end) {
        return true;
      }
    }
    return false;
  }
}
