package dev.argus.semconv.extract;

import java.util.List;

/**
 * Step counts of one agent run, the input of the agent metrics.
 *
 * @param planned distinct tool calls the model asked for, or null when the model output was not
 *     captured so the plan is unknown
 * @param completed steps whose last attempt succeeded
 * @param failed failed attempts
 * @param recovered steps with a failed attempt followed by a successful one
 * @param retries attempts beyond the first of each step
 * @param unrecoveredFailed steps whose last attempt failed
 * @param toolAttempts all tool executions
 */
public record AgentSteps(
    Integer planned,
    int completed,
    int failed,
    int recovered,
    int retries,
    int unrecoveredFailed,
    int toolAttempts) {

  /** Counts the steps of {@code steps}; {@code planned} is passed through. */
  public static AgentSteps of(Integer planned, List<ToolStep> steps) {
    int completed = 0;
    int failed = 0;
    int recovered = 0;
    int retries = 0;
    int attempts = 0;
    for (ToolStep step : steps) {
      completed += step.completed() ? 1 : 0;
      failed += step.failedAttempts();
      recovered += step.recovered() ? 1 : 0;
      retries += step.retries();
      attempts += step.attempts().size();
    }
    return new AgentSteps(
        planned, completed, failed, recovered, retries, steps.size() - completed, attempts);
  }
}
