package dev.argus.core.scoring.agent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers span summaries per trace until the trace's {@code invoke_agent} span ends, then
 * computes that run's {@link AgentMetrics}. Children usually end (and are exported) before their
 * parent, so summaries wait in a bounded, expiring Caffeine cache: at most {@code maxTraces} traces
 * and {@code maxSpansPerTrace} summaries each, forgotten {@code ttl} after the last span. When the
 * agent span arrives first (or spans come in separate batches), later children still count towards
 * the next agent span of the same trace. Thread-safe.
 */
public final class AgentTraceTracker {

  private final Cache<String, List<AgentSpanSummary>> traces;
  private final int maxSpansPerTrace;

  /** Creates a tracker; {@code ticker} drives expiry. */
  public AgentTraceTracker(int maxTraces, int maxSpansPerTrace, Duration ttl, Ticker ticker) {
    this.traces =
        Caffeine.newBuilder()
            // Maintenance on the calling thread: no pool threads, deterministic eviction.
            .executor(Runnable::run)
            .maximumSize(maxTraces)
            .expireAfterWrite(ttl)
            .ticker(ticker)
            .build();
    this.maxSpansPerTrace = maxSpansPerTrace;
  }

  /**
   * Records {@code span}. When it is an agent span, returns the metrics of its run from the spans
   * of the trace seen so far that descend from it.
   */
  public Optional<AgentMetrics> record(AgentSpanSummary span) {
    List<AgentSpanSummary> spans =
        traces.asMap().computeIfAbsent(span.traceId(), id -> new ArrayList<>());
    List<AgentSpanSummary> snapshot;
    synchronized (spans) {
      if (spans.size() < maxSpansPerTrace) {
        spans.add(span);
      }
      if (span.role() != AgentSpanSummary.Role.AGENT) {
        return Optional.empty();
      }
      snapshot = descendants(span, spans);
    }
    traces.asMap().put(span.traceId(), spans);
    return Optional.of(AgentMetrics.of(span, snapshot));
  }

  /**
   * Returns true when a model call descending from {@code span} has been recorded for its trace, in
   * this or an earlier batch; {@code span} itself need not have been recorded.
   */
  public boolean hasModelCallBelow(AgentSpanSummary span) {
    List<AgentSpanSummary> spans = traces.getIfPresent(span.traceId());
    if (spans == null) {
      return false;
    }
    synchronized (spans) {
      for (AgentSpanSummary descendant : descendants(span, spans)) {
        if (descendant.role() == AgentSpanSummary.Role.MODEL) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the number of traces currently remembered (approximate). */
  public long size() {
    return traces.estimatedSize();
  }

  // Spans whose parent chain reaches the agent span; spans with an unknown parent are included
  // only when the agent is the trace's root, since they can belong to no other run.
  private static List<AgentSpanSummary> descendants(
      AgentSpanSummary agent, List<AgentSpanSummary> spans) {
    Map<String, String> parentOf = new HashMap<>();
    for (AgentSpanSummary s : spans) {
      parentOf.put(s.spanId(), s.parentSpanId());
    }
    List<AgentSpanSummary> result = new ArrayList<>();
    for (AgentSpanSummary s : spans) {
      String parent = s.parentSpanId();
      int hops = 0;
      while (parent != null && !parent.equals(agent.spanId()) && hops++ < 64) {
        parent = parentOf.get(parent);
      }
      boolean descends = parent != null && parent.equals(agent.spanId());
      if (descends || parent == null && agent.parentSpanId() == null && s != agent) {
        result.add(s);
      }
    }
    return result;
  }
}
