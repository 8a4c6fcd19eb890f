package dev.argus.core.enrich;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import java.util.Objects;

/**
 * The result of processing one trace export request.
 *
 * @param enrichedRequest the request to forward; the very same instance as the input when no span
 *     was changed
 * @param evaluatedSpans the gen-AI spans that got a verdict, in request order
 * @param failedSpans number of spans that looked like gen-AI calls but could not be read or scored;
 *     they were forwarded unchanged
 * @param evaluationLogs {@code gen_ai.evaluation.result} log records parented to the evaluated
 *     spans, to forward with the logs; the default (empty) instance when there are none or they are
 *     switched off
 */
public record ProcessedTraces(
    ExportTraceServiceRequest enrichedRequest,
    List<EvaluatedSpan> evaluatedSpans,
    int failedSpans,
    ExportLogsServiceRequest evaluationLogs) {

  /** Validates and copies the components. */
  public ProcessedTraces {
    Objects.requireNonNull(enrichedRequest, "enrichedRequest");
    Objects.requireNonNull(evaluationLogs, "evaluationLogs");
    evaluatedSpans = List.copyOf(evaluatedSpans);
  }

  /** Returns a result without evaluation log records. */
  public ProcessedTraces(
      ExportTraceServiceRequest enrichedRequest, List<EvaluatedSpan> spans, int failedSpans) {
    this(enrichedRequest, spans, failedSpans, ExportLogsServiceRequest.getDefaultInstance());
  }

  /** Returns a result without failed spans or evaluation log records. */
  public ProcessedTraces(ExportTraceServiceRequest enrichedRequest, List<EvaluatedSpan> spans) {
    this(enrichedRequest, spans, 0);
  }

  /** Returns true when there are evaluation log records to forward. */
  public boolean hasEvaluationLogs() {
    return evaluationLogs.getResourceLogsCount() > 0;
  }
}
