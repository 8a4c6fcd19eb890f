package dev.argus.core.enrich;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import java.util.Objects;

/**
 * The result of processing one trace export request.
 *
 * @param enrichedRequest the request to forward; the very same instance as the input when no span
 *     was changed
 * @param evaluatedSpans the gen-AI spans that were evaluated, in request order
 * @param failedSpans number of spans that looked like gen-AI calls but could not be read or scored;
 *     they were forwarded unchanged
 */
public record ProcessedTraces(
    ExportTraceServiceRequest enrichedRequest,
    List<EvaluatedSpan> evaluatedSpans,
    int failedSpans) {

  /** Validates and copies the components. */
  public ProcessedTraces {
    Objects.requireNonNull(enrichedRequest, "enrichedRequest");
    evaluatedSpans = List.copyOf(evaluatedSpans);
  }

  /** Returns a result without failed spans. */
  public ProcessedTraces(ExportTraceServiceRequest enrichedRequest, List<EvaluatedSpan> spans) {
    this(enrichedRequest, spans, 0);
  }
}
