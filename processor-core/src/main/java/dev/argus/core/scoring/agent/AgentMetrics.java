package dev.argus.core.scoring.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of one agent run, computed from the spans of its trace.
 *
 * <p>Counting rules: a step is one tool call (its {@code gen_ai.tool.call.id}, else the tool name);
 * its attempts are the tool spans that carry it, in end-time order. Planned steps are the tool
 * calls the model asked for (the distinct steps attempted when no plan was seen). A step is
 * completed when its last attempt succeeded and recovered when a failed attempt was followed by a
 * successful one; retries are attempts beyond the first of each step. Tokens and cost come from the
 * model calls only, because agent spans often repeat their children's totals.
 *
 * @param plannedSteps tool calls the model asked for
 * @param completedSteps steps whose last attempt succeeded
 * @param failedAttempts tool attempts that failed
 * @param recoveredSteps steps with a failed attempt followed by a successful one
 * @param retries attempts beyond the first of each step
 * @param stability {@code min(1, completed / planned) - }{@value #RETRY_PENALTY}{@code * retries},
 *     halved when the agent span itself failed, in [0, 1]
 * @param errorRecoveryRate recovered steps over steps with a failed attempt; null when nothing
 *     failed
 * @param costPerCompletedStepUsd cost over completed steps; null when none completed or no cost was
 *     reported
 * @param tokensPerCompletedStep tokens over completed steps; null when none completed or no tokens
 *     were reported
 * @param agentFailed true when the agent span itself ended in error
 */
public record AgentMetrics(
    int plannedSteps,
    int completedSteps,
    int failedAttempts,
    int recoveredSteps,
    int retries,
    double stability,
    Double errorRecoveryRate,
    Double costPerCompletedStepUsd,
    Double tokensPerCompletedStep,
    boolean agentFailed) {

  /** Stability lost per retried tool attempt. */
  public static final double RETRY_PENALTY = 0.05;

  /** Computes the metrics of the run of {@code agent} from the {@code spans} below it. */
  public static AgentMetrics of(AgentSpanSummary agent, List<AgentSpanSummary> spans) {
    int planned = 0;
    long tokens = 0;
    double cost = 0;
    boolean sawModel = false;
    Map<String, List<AgentSpanSummary>> steps = new LinkedHashMap<>();
    for (AgentSpanSummary span : spans) {
      if (span.role() == AgentSpanSummary.Role.MODEL) {
        sawModel = true;
        planned += span.plannedToolCalls();
        tokens += span.tokens();
        cost += span.costUsd();
      } else if (span.role() == AgentSpanSummary.Role.TOOL) {
        String key = span.toolCallId() != null ? span.toolCallId() : "name:" + span.toolName();
        steps.computeIfAbsent(key, k -> new ArrayList<>()).add(span);
      }
    }
    if (!sawModel) {
      tokens = agent.tokens();
      cost = agent.costUsd();
    }
    int completed = 0;
    int failedAttempts = 0;
    int failedSteps = 0;
    int recovered = 0;
    int retries = 0;
    for (List<AgentSpanSummary> attempts : steps.values()) {
      attempts.sort(Comparator.comparingLong(AgentSpanSummary::endTimeNanos));
      retries += attempts.size() - 1;
      boolean failedBefore = false;
      boolean recoveredStep = false;
      for (AgentSpanSummary attempt : attempts) {
        if (attempt.failed()) {
          failedAttempts++;
          failedBefore = true;
        } else if (failedBefore) {
          recoveredStep = true;
        }
      }
      failedSteps += failedBefore ? 1 : 0;
      recovered += recoveredStep ? 1 : 0;
      completed += attempts.get(attempts.size() - 1).failed() ? 0 : 1;
    }
    if (planned == 0) {
      planned = steps.size();
    }
    double stability = planned == 0 ? 1.0 : Math.min(1.0, completed / (double) planned);
    stability -= RETRY_PENALTY * retries;
    if (agent.failed()) {
      stability *= 0.5;
    }
    return new AgentMetrics(
        planned,
        completed,
        failedAttempts,
        recovered,
        retries,
        Math.max(0.0, Math.min(1.0, stability)),
        failedSteps == 0 ? null : recovered / (double) failedSteps,
        completed == 0 || cost == 0 ? null : cost / completed,
        completed == 0 || tokens == 0 ? null : tokens / (double) completed,
        agent.failed());
  }
}
