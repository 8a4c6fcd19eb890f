package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.TokenUsage;
import java.util.List;

/**
 * One trace of an export request assembled across its spans: the roles of its spans, the call that
 * should be evaluated, trace-level usage and the agent's tool steps.
 *
 * @param traceId hex trace id
 * @param spans every span of the trace in request order, gen-AI or not
 * @param target the span whose output should be evaluated, or null when the trace has no captured
 *     gen-AI content (then {@link #evaluable()} is false)
 * @param call the target's call with its context assembled from the trace, or null
 * @param usage token totals over leaf model calls only (aggregating parents are skipped, and a
 *     response id is counted once); components are null when no span reported them
 * @param costUsd sum of producer-reported costs over the same spans, or null
 * @param finishReasons normalised finish reasons of the target, else of the last model call
 * @param conversationId the target's conversation id, else the first one in the trace
 * @param retrievalQuery query text of the first retrieval span, or null
 * @param toolSteps tool calls with their attempts, ordered by first attempt
 * @param agentSteps counts for the agent metrics, or null when the trace ran no tools and has no
 *     agent span
 * @param llmCalls number of LLM-call spans
 */
public record GenAiTrace(
    String traceId,
    List<GenAiSpan> spans,
    GenAiSpan target,
    GenAiCall call,
    TokenUsage usage,
    Double costUsd,
    List<String> finishReasons,
    String conversationId,
    String retrievalQuery,
    List<ToolStep> toolSteps,
    AgentSteps agentSteps,
    int llmCalls) {

  /** Copies the lists. */
  public GenAiTrace {
    spans = List.copyOf(spans);
    finishReasons = List.copyOf(finishReasons);
    toolSteps = List.copyOf(toolSteps);
  }

  /** Returns true when the trace carries content that can be scored. */
  public boolean evaluable() {
    return call != null;
  }

  /** Returns true when some span of the trace was recognised as gen-AI. */
  public boolean hasGenAi() {
    for (GenAiSpan span : spans) {
      if (span.isGenAi()) {
        return true;
      }
    }
    return false;
  }

  /** Returns the span with the given hex id, or null. */
  public GenAiSpan span(String spanId) {
    for (GenAiSpan span : spans) {
      if (span.spanId().equals(spanId)) {
        return span;
      }
    }
    return null;
  }
}
