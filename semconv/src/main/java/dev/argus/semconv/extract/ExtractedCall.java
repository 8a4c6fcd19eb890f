package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;

/**
 * A gen-AI call found in an export request, with the position of the span that carries it.
 *
 * @param resourceIndex index into {@code resource_spans}
 * @param scopeIndex index into that resource's {@code scope_spans}
 * @param spanIndex index into that scope's {@code spans}
 * @param call the extracted call, with context assembled from its trace
 * @param role the part the span plays in its trace
 * @param evaluationTarget true for the one span per trace whose output should be scored (an agent
 *     root or library operation carrying the question and final answer, else the last LLM call);
 *     scoring only targets avoids scoring one answer twice
 * @param usageAggregate true when the call's usage repeats that of calls below it; add up only
 *     calls where this is false
 */
public record ExtractedCall(
    int resourceIndex,
    int scopeIndex,
    int spanIndex,
    GenAiCall call,
    SpanRole role,
    boolean evaluationTarget,
    boolean usageAggregate) {

  /**
   * Creates a call found outside trace assembly: its role follows from its operation, and it is its
   * own evaluation target.
   */
  public ExtractedCall(int resourceIndex, int scopeIndex, int spanIndex, GenAiCall call) {
    this(
        resourceIndex,
        scopeIndex,
        spanIndex,
        call,
        SpanRole.ofOperation(call.operation()),
        true,
        false);
  }
}
