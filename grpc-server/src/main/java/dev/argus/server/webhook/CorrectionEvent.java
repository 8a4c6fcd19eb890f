package dev.argus.server.webhook;

import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.correction.CorrectionPlan;
import dev.argus.core.correction.FailedDimension;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.Severity;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One correction event before it is encoded.
 *
 * @param type {@code evaluation.failed} or {@code correction.exhausted}
 * @param eventId the id sent as {@code webhook-id} and set on the span as {@code
 *     argus.correction.id}
 * @param createdAt when ARGUS decided to send it; the maximum delivery age counts from here
 * @param candidate the span it is about
 * @param plan failures and rewritten prompt; the prompt is sent only for {@code evaluation.failed}
 * @param maxAttempts the configured {@code max_attempts}, so the application knows the budget
 */
record CorrectionEvent(
    CorrectionEventType type,
    String eventId,
    Instant createdAt,
    CorrectionCandidate candidate,
    CorrectionPlan plan,
    int maxAttempts) {

  CorrectionEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(plan, "plan");
  }

  /** Returns the failed dimensions, worst first. */
  List<Dimension> failedDimensions() {
    return plan.failures().stream().map(FailedDimension::dimension).toList();
  }

  Severity severity() {
    return plan.severity();
  }

  String serviceName() {
    return candidate.serviceName();
  }

  /** Returns the request and response model names that are known. */
  Set<String> models() {
    Set<String> models = new LinkedHashSet<>();
    if (candidate.call().requestModel() != null) {
      models.add(candidate.call().requestModel());
    }
    if (candidate.call().responseModel() != null) {
      models.add(candidate.call().responseModel());
    }
    return models;
  }
}
