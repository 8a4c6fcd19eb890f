package dev.argus.semconv.extract;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import dev.argus.semconv.model.ToolCall;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles the spans of one trace: marks aggregating parents, sums usage over leaf model calls,
 * links retrieval results and tool results to the calls that used them, groups tool attempts into
 * steps and picks the span to evaluate. Pure; linear in the number of spans times the tree depth.
 */
final class TraceAssembler {

  /** One span of the trace with what its convention extractor read. */
  record Entry(
      int resourceIndex,
      int scopeIndex,
      int spanIndex,
      Span span,
      SpanView view,
      GenAiCall call,
      SpanRole role) {
    String spanId() {
      return OtlpIds.hex(span.getSpanId());
    }

    String parentSpanId() {
      return span.getParentSpanId().isEmpty() ? null : OtlpIds.hex(span.getParentSpanId());
    }
  }

  private final String traceId;
  private final List<Entry> entries;
  private final Map<String, Entry> byId = new HashMap<>();

  private TraceAssembler(String traceId, List<Entry> entries) {
    this.traceId = traceId;
    this.entries = entries;
    for (Entry entry : entries) {
      byId.put(entry.spanId(), entry);
    }
  }

  static GenAiTrace assemble(String traceId, List<Entry> entries) {
    return new TraceAssembler(traceId, entries).assemble();
  }

  private GenAiTrace assemble() {
    Set<String> aggregates = aggregateSpans();
    List<ToolStep> steps = toolSteps();
    List<GenAiSpan> spans = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      GenAiCall call = entry.call() == null ? null : withContext(entry, steps);
      spans.add(
          new GenAiSpan(
              entry.resourceIndex(),
              entry.scopeIndex(),
              entry.spanIndex(),
              entry.spanId(),
              entry.parentSpanId(),
              entry.span().getName(),
              entry.role(),
              entry.span().getStartTimeUnixNano(),
              entry.span().getEndTimeUnixNano(),
              call,
              aggregates.contains(entry.spanId())));
    }
    GenAiSpan target = target(spans);
    int llmCalls = 0;
    GenAiSpan lastModelCall = null;
    for (GenAiSpan span : spans) {
      if (span.role() == SpanRole.LLM_CALL) {
        llmCalls++;
        if (lastModelCall == null || span.endTimeUnixNano() >= lastModelCall.endTimeUnixNano()) {
          lastModelCall = span;
        }
      }
    }
    GenAiSpan reasonSource = target != null ? target : lastModelCall;
    return new GenAiTrace(
        traceId,
        spans,
        target,
        target == null ? null : target.call(),
        usage(spans),
        cost(spans),
        reasonSource == null ? List.of() : reasonSource.call().finishReasons(),
        conversationId(target, spans),
        retrievalQuery(spans),
        steps,
        agentSteps(spans, steps),
        llmCalls);
  }

  /** Spans with usage that have another usage-reporting span below them. */
  private Set<String> aggregateSpans() {
    Set<String> aggregates = new HashSet<>();
    for (Entry entry : entries) {
      if (!reportsUsage(entry)) {
        continue;
      }
      // Every usage-reporting ancestor repeats (part of) this span's usage.
      Set<String> seen = new HashSet<>();
      Entry parent = parent(entry);
      while (parent != null && seen.add(parent.spanId())) {
        if (reportsUsage(parent)) {
          aggregates.add(parent.spanId());
        }
        parent = parent(parent);
      }
    }
    return aggregates;
  }

  private static boolean reportsUsage(Entry entry) {
    return entry.call() != null && entry.call().usage().totalTokens() != null;
  }

  private Entry parent(Entry entry) {
    String parentId = entry.parentSpanId();
    return parentId == null ? null : byId.get(parentId);
  }

  private boolean isDescendant(Entry entry, String ancestorId) {
    Set<String> seen = new HashSet<>();
    Entry parent = parent(entry);
    while (parent != null && seen.add(parent.spanId())) {
      if (parent.spanId().equals(ancestorId)) {
        return true;
      }
      parent = parent(parent);
    }
    return false;
  }

  /**
   * Returns the call with retrieval results of the trace that started before it ended, else its own
   * context, else (for agents) the results of the tools run below it.
   */
  private GenAiCall withContext(Entry entry, List<ToolStep> steps) {
    GenAiCall call = entry.call();
    if (!isModelLevel(entry.role())) {
      return call;
    }
    List<RetrievedDocument> documents = new ArrayList<>();
    for (Entry other : entries) {
      if (other.role() == SpanRole.RETRIEVAL
          && other.call() != null
          && other != entry
          && other.span().getStartTimeUnixNano() <= endOf(entry.span())) {
        documents.addAll(other.call().retrievedContext());
      }
    }
    if (documents.isEmpty() && !call.retrievedContext().isEmpty()) {
      return call;
    }
    if (documents.isEmpty() && entry.role() != SpanRole.LLM_CALL) {
      for (ToolStep step : steps) {
        if (step.result() != null && isDescendant(byId.get(lastAttempt(step)), entry.spanId())) {
          documents.add(
              new RetrievedDocument(
                  step.callId(), null, step.result(), RetrievedDocument.Source.TOOL_RESULT));
        }
      }
    }
    return documents.isEmpty() ? call : call.toBuilder().setRetrievedContext(documents).build();
  }

  private static String lastAttempt(ToolStep step) {
    return step.attempts().get(step.attempts().size() - 1).spanId();
  }

  private static long endOf(Span span) {
    return span.getEndTimeUnixNano() == 0 ? Long.MAX_VALUE : span.getEndTimeUnixNano();
  }

  private static boolean isModelLevel(SpanRole role) {
    return role == SpanRole.LLM_CALL || role == SpanRole.AGENT || role == SpanRole.OPERATION;
  }

  private List<ToolStep> toolSteps() {
    List<Entry> tools = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.role() == SpanRole.TOOL) {
        tools.add(entry);
      }
    }
    if (tools.isEmpty()) {
      return List.of();
    }
    tools.sort(Comparator.comparingLong(entry -> entry.span().getStartTimeUnixNano()));
    Map<String, List<ToolAttempt>> grouped = new LinkedHashMap<>();
    for (Entry entry : tools) {
      ToolAttempt attempt = ToolSpans.read(entry.view(), entry.spanId());
      String key =
          attempt.callId() != null
              ? "id:" + attempt.callId()
              : "name:" + attempt.toolName() + "\u0000" + attempt.arguments();
      grouped.computeIfAbsent(key, unused -> new ArrayList<>()).add(attempt);
    }
    Map<String, String> requestedIn = requestingSpans();
    List<ToolStep> steps = new ArrayList<>(grouped.size());
    for (List<ToolAttempt> attempts : grouped.values()) {
      ToolAttempt last = attempts.get(attempts.size() - 1);
      String result = null;
      for (ToolAttempt attempt : attempts) {
        result = attempt.result() != null ? attempt.result() : result;
      }
      steps.add(
          new ToolStep(
              last.callId(),
              last.toolName(),
              last.arguments(),
              result,
              attempts,
              last.callId() == null ? null : requestedIn.get(last.callId())));
    }
    return steps;
  }

  /** Maps tool call ids to the LLM-call span whose output requested them. */
  private Map<String, String> requestingSpans() {
    Map<String, String> requestedIn = new HashMap<>();
    for (Entry entry : entries) {
      if (entry.role() == SpanRole.LLM_CALL && entry.call() != null) {
        for (ToolCall call : entry.call().toolCalls()) {
          if (call.id() != null) {
            requestedIn.putIfAbsent(call.id(), entry.spanId());
          }
        }
      }
    }
    return requestedIn;
  }

  private static AgentSteps agentSteps(List<GenAiSpan> spans, List<ToolStep> steps) {
    boolean agent = false;
    boolean planKnown = false;
    Set<String> planned = new HashSet<>();
    for (GenAiSpan span : spans) {
      agent |= span.role() == SpanRole.AGENT;
      if (span.role() == SpanRole.LLM_CALL
          && span.call().contentStatus() != ContentStatus.NOT_CAPTURED) {
        planKnown = true;
        for (ToolCall call : span.call().toolCalls()) {
          planned.add(call.id() != null ? call.id() : call.name() + "\u0000" + call.arguments());
        }
      }
    }
    if (!agent && steps.isEmpty()) {
      return null;
    }
    return AgentSteps.of(planKnown ? planned.size() : null, steps);
  }

  /**
   * The outermost agent or library operation with captured content (it carries the user's question
   * and the final answer), else the last-ending LLM call with captured content.
   */
  private GenAiSpan target(List<GenAiSpan> spans) {
    GenAiSpan best = null;
    for (GenAiSpan span : spans) {
      if ((span.role() == SpanRole.AGENT || span.role() == SpanRole.OPERATION)
          && hasContent(span)
          && (best == null || isDescendant(byId.get(best.spanId()), span.spanId()))) {
        best = span;
      }
    }
    if (best != null) {
      return best;
    }
    for (GenAiSpan span : spans) {
      if (span.role() == SpanRole.LLM_CALL
          && hasContent(span)
          && (best == null || span.endTimeUnixNano() >= best.endTimeUnixNano())) {
        best = span;
      }
    }
    return best;
  }

  private static boolean hasContent(GenAiSpan span) {
    GenAiCall call = span.call();
    return call.contentStatus() == ContentStatus.CAPTURED
        && (!call.prompt().isEmpty() || !call.completion().isEmpty());
  }

  private static TokenUsage usage(List<GenAiSpan> spans) {
    Long input = null;
    Long output = null;
    Long cacheRead = null;
    Long cacheWrite = null;
    Long reasoning = null;
    Set<String> responseIds = new HashSet<>();
    for (GenAiSpan span : countedSpans(spans, responseIds)) {
      TokenUsage usage = span.call().usage();
      input = add(input, usage.inputTokens());
      output = add(output, usage.outputTokens());
      cacheRead = add(cacheRead, usage.cacheReadTokens());
      cacheWrite = add(cacheWrite, usage.cacheWriteTokens());
      reasoning = add(reasoning, usage.reasoningTokens());
    }
    return new TokenUsage(input, output, cacheRead, cacheWrite, reasoning);
  }

  private static Double cost(List<GenAiSpan> spans) {
    Double cost = null;
    for (GenAiSpan span : countedSpans(spans, new HashSet<>())) {
      Double value = span.call().costUsd();
      if (value != null && Double.isFinite(value)) {
        cost = cost == null ? value : cost + value;
      }
    }
    return cost;
  }

  /** Leaf usage spans, each provider response counted once. */
  private static List<GenAiSpan> countedSpans(List<GenAiSpan> spans, Set<String> responseIds) {
    List<GenAiSpan> counted = new ArrayList<>();
    for (GenAiSpan span : spans) {
      if (span.call() == null
          || span.usageAggregate()
          || span.call().usage().totalTokens() == null) {
        continue;
      }
      String responseId = span.call().responseId();
      if (responseId != null && !responseIds.add(responseId)) {
        // The same response traced twice (framework and provider instrumentation).
        continue;
      }
      counted.add(span);
    }
    return counted;
  }

  private static Long add(Long total, Long value) {
    if (value == null) {
      return total;
    }
    return total == null ? value : total + value;
  }

  private static String conversationId(GenAiSpan target, List<GenAiSpan> spans) {
    if (target != null && target.call().conversationId() != null) {
      return target.call().conversationId();
    }
    for (GenAiSpan span : spans) {
      if (span.call() != null && span.call().conversationId() != null) {
        return span.call().conversationId();
      }
    }
    return null;
  }

  private static String retrievalQuery(List<GenAiSpan> spans) {
    for (GenAiSpan span : spans) {
      if (span.role() == SpanRole.RETRIEVAL && !span.call().prompt().isEmpty()) {
        return span.call().prompt();
      }
    }
    return null;
  }
}
