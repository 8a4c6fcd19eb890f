package dev.argus.core.scoring.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

  private final AtomicLong now = new AtomicLong();
  private final Ticker ticker = now::get;

  private Optional<AgentMetrics> replay(List<AgentSpanSummary> spans, AgentTraceTracker tracker) {
    Optional<AgentMetrics> metrics = Optional.empty();
    for (AgentSpanSummary span : spans) {
      Optional<AgentMetrics> result = tracker.record(span);
      if (result.isPresent()) {
        metrics = result;
      }
    }
    return metrics;
  }

  @Test
  void agentInvokeTools_countsPlannedCompletedFailedAndRetried() {
    List<AgentSpanSummary> spans =
        OtlpSummaries.read("fixtures/genai-spans/agent-invoke-tools.json");
    // The agent span is first in the array: deliver it last, as an exporter would after children.
    AgentSpanSummary agent = spans.get(0);
    List<AgentSpanSummary> children = new java.util.ArrayList<>(spans.subList(1, spans.size()));
    children.add(agent);

    AgentMetrics metrics =
        replay(children, new AgentTraceTracker(100, 1000, Duration.ofMinutes(5), ticker)).get();

    assertEquals(3, metrics.plannedSteps());
    assertEquals(3, metrics.completedSteps());
    assertEquals(1, metrics.failedAttempts());
    assertEquals(1, metrics.recoveredSteps());
    assertEquals(1, metrics.retries());
    assertEquals(1.0, metrics.errorRecoveryRate());
    assertEquals(0.95, metrics.stability(), 1e-9);
    // Model calls only: 1250 + 140 + 1720 + 210, never the agent span's repeated total.
    assertEquals(3320 / 3.0, metrics.tokensPerCompletedStep(), 1e-9);
  }

  @Test
  void capturedAgentToolRetry_recoversTheTimedOutTool() {
    List<AgentSpanSummary> spans =
        OtlpSummaries.read("fixtures/captured/otel/agent_tool_retry.json");

    AgentMetrics metrics =
        replay(spans, new AgentTraceTracker(100, 1000, Duration.ofMinutes(5), ticker)).get();

    assertEquals(1, metrics.plannedSteps());
    assertEquals(1, metrics.completedSteps());
    assertEquals(1, metrics.failedAttempts());
    assertEquals(1, metrics.retries());
    assertEquals(1.0, metrics.errorRecoveryRate());
    assertEquals((169 + 18 + 301 + 23) / 1.0, metrics.tokensPerCompletedStep(), 1e-9);
  }

  @Test
  void unrecoveredFailure_lowersStabilityAndRecoveryRate() {
    AgentSpanSummary agent = span("a", null, AgentSpanSummary.Role.AGENT, null, false, 0, 1);
    List<AgentSpanSummary> children =
        List.of(
            span("m", "a", AgentSpanSummary.Role.MODEL, null, false, 2, 0),
            span("t1", "a", AgentSpanSummary.Role.TOOL, "c1", true, 0, 0),
            span("t2", "a", AgentSpanSummary.Role.TOOL, "c2", false, 0, 0));

    AgentMetrics metrics = AgentMetrics.of(agent, children);

    assertEquals(2, metrics.plannedSteps());
    assertEquals(1, metrics.completedSteps());
    assertEquals(0.0, metrics.errorRecoveryRate());
    assertEquals(0.5, metrics.stability(), 1e-9);
  }

  @Test
  void noToolCalls_hasNoRecoveryRate() {
    AgentSpanSummary agent = span("a", null, AgentSpanSummary.Role.AGENT, null, false, 0, 0);

    AgentMetrics metrics = AgentMetrics.of(agent, List.of());

    assertNull(metrics.errorRecoveryRate());
    assertEquals(1.0, metrics.stability());
  }

  @Test
  void tracker_forgetsTracesAfterTtlAndStaysBounded() {
    AgentTraceTracker tracker = new AgentTraceTracker(2, 10, Duration.ofSeconds(30), ticker);
    for (int i = 0; i < 50; i++) {
      tracker.record(
          new AgentSpanSummary(
              "trace" + i, "s", "p", AgentSpanSummary.Role.TOOL, "t", "c", false, 0, 0, 0.0, 0));
    }
    now.addAndGet(Duration.ofSeconds(31).toNanos());

    AgentMetrics late =
        tracker
            .record(
                new AgentSpanSummary(
                    "trace49",
                    "p",
                    null,
                    AgentSpanSummary.Role.AGENT,
                    null,
                    null,
                    false,
                    0,
                    0,
                    0.0,
                    1))
            .get();

    assertTrue(tracker.size() <= 2);
    assertEquals(0, late.completedSteps(), "expired children must not count");
  }

  private static AgentSpanSummary span(
      String id,
      String parent,
      AgentSpanSummary.Role role,
      String callId,
      boolean failed,
      int planned,
      long end) {
    return new AgentSpanSummary(
        "t",
        id,
        parent,
        role,
        callId == null ? null : "tool",
        callId,
        failed,
        planned,
        0,
        0.0,
        end);
  }
}
