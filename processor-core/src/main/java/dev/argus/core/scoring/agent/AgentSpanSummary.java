package dev.argus.core.scoring.agent;

import java.util.Objects;

/**
 * What agent metrics need to know about one span of an agent trace: no attributes or content, so a
 * trace's spans can be remembered cheaply until its agent span ends.
 *
 * @param traceId trace id (hex)
 * @param spanId span id (hex)
 * @param parentSpanId parent span id, or null for a root
 * @param role what the span does in the agent run
 * @param toolName tool name for tool spans, else null
 * @param toolCallId {@code gen_ai.tool.call.id} for tool spans; attempts of one step share it
 * @param failed true when the span ended in error
 * @param plannedToolCalls for model calls: tool calls the model asked for; else 0
 * @param tokens tokens used (model calls), 0 when unknown
 * @param costUsd cost in US dollars, 0 when unknown
 * @param endTimeNanos span end time, which orders the attempts of a step
 */
public record AgentSpanSummary(
    String traceId,
    String spanId,
    String parentSpanId,
    Role role,
    String toolName,
    String toolCallId,
    boolean failed,
    int plannedToolCalls,
    long tokens,
    double costUsd,
    long endTimeNanos) {

  /** The part a span plays in an agent run. */
  public enum Role {
    /** The {@code invoke_agent} span that owns the run. */
    AGENT,
    /** A model call. */
    MODEL,
    /** A tool execution. */
    TOOL,
    /** Anything else. */
    OTHER
  }

  /** Validates the components. */
  public AgentSpanSummary {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(role, "role");
  }
}
