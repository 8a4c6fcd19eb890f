package dev.argus.semconv.extract;

import java.util.List;

/**
 * One tool call of an agent with all its attempts, in start-time order. Attempts are grouped by
 * tool call id, or by tool name and arguments when the producer recorded no id; no convention marks
 * retries, so a repeated id is how a retry is recognised.
 *
 * @param callId the tool call id, or null
 * @param toolName the tool name, or null
 * @param arguments arguments of the last attempt
 * @param result result of the last successful attempt, or null
 * @param attempts every execution, oldest first; never empty
 * @param requestedInSpanId hex id of the LLM-call span whose output asked for this call, or null
 */
public record ToolStep(
    String callId,
    String toolName,
    String arguments,
    String result,
    List<ToolAttempt> attempts,
    String requestedInSpanId) {

  /** Copies the attempts. */
  public ToolStep {
    attempts = List.copyOf(attempts);
  }

  /** Returns the number of failed attempts. */
  public int failedAttempts() {
    int failed = 0;
    for (ToolAttempt attempt : attempts) {
      failed += attempt.failed() ? 1 : 0;
    }
    return failed;
  }

  /** Returns true when the last attempt succeeded. */
  public boolean completed() {
    return !attempts.get(attempts.size() - 1).failed();
  }

  /** Returns true when an attempt failed and a later one succeeded. */
  public boolean recovered() {
    return completed() && failedAttempts() > 0;
  }

  /** Returns the number of attempts after the first. */
  public int retries() {
    return attempts.size() - 1;
  }
}
