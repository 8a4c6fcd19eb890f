package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;

/**
 * One span of a trace as gen-AI assembly sees it.
 *
 * @param resourceIndex index into {@code resource_spans}
 * @param scopeIndex index into that resource's {@code scope_spans}
 * @param spanIndex index into that scope's {@code spans}
 * @param spanId hex span id
 * @param parentSpanId hex parent span id, or null for a root
 * @param name span name
 * @param role the part the span plays; {@link SpanRole#OTHER} for spans that are not gen-AI
 * @param startTimeUnixNano span start
 * @param endTimeUnixNano span end
 * @param call what the span says as read by its convention, or null when it is not gen-AI
 * @param usageAggregate true when the span's usage repeats that of model calls below it, so it is
 *     left out of the trace totals
 */
public record GenAiSpan(
    int resourceIndex,
    int scopeIndex,
    int spanIndex,
    String spanId,
    String parentSpanId,
    String name,
    SpanRole role,
    long startTimeUnixNano,
    long endTimeUnixNano,
    GenAiCall call,
    boolean usageAggregate) {

  /** Returns true when a convention recognised the span. */
  public boolean isGenAi() {
    return call != null;
  }
}
