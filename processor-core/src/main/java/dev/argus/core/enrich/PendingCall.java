package dev.argus.core.enrich;

import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiSpan;

/**
 * A span to evaluate, planned while its traces are walked: what the scorers see of it and, once
 * scored, the judgement (null when its scoring threw).
 */
final class PendingCall {
  final GenAiSpan span;
  final String serviceName;
  final String traceId;
  ScanLimit.Limited scanned;
  Judgement judgement;

  /**
   * Creates a planned call.
   *
   * @param traceId hex trace id of the span as received
   */
  PendingCall(GenAiSpan span, String serviceName, String traceId) {
    this.span = span;
    this.serviceName = serviceName;
    this.traceId = traceId;
  }

  /**
   * An evaluation, the reason code when it is {@code not_evaluated}, and what the scorers saw of
   * the call (null when it was not scored).
   */
  record Judgement(Evaluation evaluation, String reason, ScanLimit.Limited scanned) {}
}
