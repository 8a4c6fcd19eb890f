package dev.argus.core.enrich;

import dev.argus.core.scoring.agent.AgentSpanSummary;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.GenAiTrace;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.extract.ToolAttempt;
import dev.argus.semconv.extract.ToolStep;
import dev.argus.semconv.model.GenAiCall;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the spans of one trace in a request hang together: which span lies below which, whether the
 * trace may belong to an agent run, and the summaries the agent tracker remembers of it. Parent
 * chains are followed at most 64 hops, so a cycle of bad parent ids cannot loop.
 */
final class TraceShape {
  private static final int MAX_HOPS = 64;
  private static final String CREATE_AGENT = "create_agent";

  private final GenAiTrace trace;
  private final Map<String, String> parents = new HashMap<>();

  TraceShape(GenAiTrace trace) {
    this.trace = trace;
    for (GenAiSpan span : trace.spans()) {
      parents.put(span.spanId(), span.parentSpanId());
    }
  }

  /** Returns the trace. */
  GenAiTrace trace() {
    return trace;
  }

  /** Returns true when {@code span} lies below the span {@code ancestorId} in this request. */
  boolean descends(GenAiSpan span, String ancestorId) {
    String parent = span.parentSpanId();
    for (int hops = 0; parent != null && hops < MAX_HOPS; hops++) {
      if (parent.equals(ancestorId)) {
        return true;
      }
      parent = parents.get(parent);
    }
    return false;
  }

  /**
   * A trace needs its span summaries remembered when it may belong to an agent run: it has agent,
   * operation or tool spans, a model call that planned tools, or a gen-AI span whose parent is not
   * in this request (the parent may be an agent span still to come).
   */
  boolean needsTracking() {
    for (GenAiSpan span : trace.spans()) {
      if (!span.isGenAi()) {
        continue;
      }
      SpanRole role = span.role();
      if (role == SpanRole.AGENT || role == SpanRole.OPERATION || role == SpanRole.TOOL) {
        return true;
      }
      if (role == SpanRole.LLM_CALL && !span.call().toolCalls().isEmpty()) {
        return true;
      }
      if (span.parentSpanId() != null && !parents.containsKey(span.parentSpanId())) {
        return true;
      }
    }
    return false;
  }

  /**
   * One summary per gen-AI span of the trace, and per other span that lies between a gen-AI span
   * and its ancestors in this request, so parent chains stay linked; unrelated spans (HTTP,
   * database) are not remembered. Keyed by span id, in trace order.
   */
  Map<String, AgentSpanSummary> summaries() {
    Map<String, ToolAttempt> attempts = new HashMap<>();
    for (ToolStep step : trace.toolSteps()) {
      for (ToolAttempt attempt : step.attempts()) {
        attempts.put(attempt.spanId(), attempt);
      }
    }
    Set<String> links = new HashSet<>();
    for (GenAiSpan span : trace.spans()) {
      String parent = span.isGenAi() ? span.parentSpanId() : null;
      for (int hops = 0; parent != null && hops < MAX_HOPS && links.add(parent); hops++) {
        parent = parents.get(parent);
      }
    }
    Map<String, AgentSpanSummary> summaries = new LinkedHashMap<>();
    for (GenAiSpan span : trace.spans()) {
      if (span.isGenAi() || links.contains(span.spanId())) {
        summaries.put(span.spanId(), summary(trace.traceId(), span, attempts.get(span.spanId())));
      }
    }
    return summaries;
  }

  private static AgentSpanSummary summary(String traceId, GenAiSpan span, ToolAttempt attempt) {
    GenAiCall call = span.call();
    AgentSpanSummary.Role role = AgentSpanSummary.Role.OTHER;
    if (call != null) {
      if (span.role() == SpanRole.AGENT && !CREATE_AGENT.equalsIgnoreCase(call.operation())) {
        role = AgentSpanSummary.Role.AGENT;
      } else if (span.role() == SpanRole.LLM_CALL) {
        role = AgentSpanSummary.Role.MODEL;
      } else if (span.role() == SpanRole.TOOL) {
        role = AgentSpanSummary.Role.TOOL;
      }
    }
    boolean failed = attempt != null ? attempt.failed() : call != null && call.errorType() != null;
    // A model span that repeats the usage of a model span below it (framework and provider
    // instrumentation of one request) must not be counted twice.
    boolean counts = call != null && !span.usageAggregate();
    Long tokens = counts ? call.usage().totalTokens() : null;
    Double cost = counts ? call.costUsd() : null;
    return new AgentSpanSummary(
        traceId,
        span.spanId(),
        span.parentSpanId(),
        role,
        attempt != null ? attempt.toolName() : null,
        attempt != null ? attempt.callId() : null,
        failed,
        role == AgentSpanSummary.Role.MODEL ? call.toolCalls().size() : 0,
        tokens == null ? 0 : tokens,
        cost == null || !Double.isFinite(cost) ? 0.0 : cost,
        span.endTimeUnixNano());
  }
}
