package dev.argus.core.correction;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import java.util.Optional;

/**
 * Decides which correction event, if any, a evaluated call deserves, so that an application that
 * follows every plan cannot loop forever.
 *
 * <p>The application marks a resent request with the span attribute {@code
 * argus.correction.attempt} (absent or 0 on the original call, 1 on the first retry, ...). A failed
 * call whose attempt is below {@code maxAttempts} gets {@code evaluation.failed} with a new plan;
 * from {@code maxAttempts} on it gets {@code correction.exhausted} and no plan.
 *
 * @param maxAttempts how many corrected retries ARGUS plans for; 0 sends no plans at all
 */
public record CorrectionPolicy(int maxAttempts) {

  /** Default {@link #maxAttempts()}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 2;

  /** Validates the components. */
  public CorrectionPolicy {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException(
          "correction.max_attempts: " + maxAttempts + " (expected: >= 0)");
    }
  }

  /** Returns the policy with {@link #DEFAULT_MAX_ATTEMPTS}. */
  public static CorrectionPolicy defaults() {
    return new CorrectionPolicy(DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * Returns the event to send for a call with this evaluation at this attempt, or empty when the
   * call did not fail.
   */
  public Optional<CorrectionEventType> decide(Evaluation evaluation, int attempt) {
    if (evaluation.verdict() != Verdict.FAIL) {
      return Optional.empty();
    }
    return Optional.of(
        attempt >= maxAttempts
            ? CorrectionEventType.CORRECTION_EXHAUSTED
            : CorrectionEventType.EVALUATION_FAILED);
  }

  /**
   * Returns the attempt number written in an attribute value: a non-negative integer, or its
   * decimal text. Anything else (absent, negative, not a number) counts as 0, the original call.
   */
  public static int parseAttempt(Object value) {
    long attempt;
    if (value instanceof Number number) {
      attempt = number.longValue();
    } else if (value instanceof String text) {
      try {
        attempt = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    } else {
      return 0;
    }
    return (int) Math.max(0, Math.min(attempt, Integer.MAX_VALUE));
  }
}
