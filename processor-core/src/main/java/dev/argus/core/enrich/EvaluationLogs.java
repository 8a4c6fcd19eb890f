package dev.argus.core.enrich;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects {@code gen_ai.evaluation.result} events as OTLP log records, one per scored dimension,
 * each parented to its span by trace id and span id and named in the {@code event_name} field.
 * Records of spans from the same resource share one {@code ResourceLogs} carrying that resource, so
 * {@code service.name} travels with them. Not thread-safe: one instance per request.
 */
final class EvaluationLogs {
  /** Instrumentation scope of the records ARGUS writes. */
  static final String SCOPE_NAME = "dev.argus.evaluation";

  private final Map<Integer, ResourceLogs.Builder> byResource = new LinkedHashMap<>();

  /**
   * Adds one record per applicable dimension of {@code evaluation}; nothing for a call that was not
   * evaluated.
   *
   * @param resourceIndex index of the span's resource in its request, which groups the records
   * @param resource that resource
   * @param span the evaluated span (ids, end time and trace flags are taken from it)
   */
  void add(int resourceIndex, Resource resource, Span span, GenAiCall call, Evaluation evaluation) {
    if (evaluation.verdict() == Verdict.NOT_EVALUATED) {
      return;
    }
    ScopeLogs.Builder scope = null;
    String responseId = call == null ? null : call.responseId();
    for (Dimension dimension : Dimension.values()) {
      DimensionScore score = evaluation.scores().get(dimension);
      if (score == null || !score.applicable()) {
        continue;
      }
      if (scope == null) {
        scope = scope(resourceIndex, resource);
      }
      boolean failed = evaluation.failedDimensions().contains(dimension);
      LogRecord.Builder record =
          LogRecord.newBuilder()
              // The span's end is when the judged output existed; a time taken from the input
              // keeps processing a deterministic function of the request.
              .setTimeUnixNano(span.getEndTimeUnixNano())
              .setObservedTimeUnixNano(span.getEndTimeUnixNano())
              .setSeverityNumber(
                  failed
                      ? SeverityNumber.SEVERITY_NUMBER_WARN
                      : SeverityNumber.SEVERITY_NUMBER_INFO)
              .setSeverityText(failed ? "WARN" : "INFO")
              .setEventName(SpanEnricher.EVALUATION_EVENT)
              .setTraceId(span.getTraceId())
              .setSpanId(span.getSpanId())
              // Only the low byte of span flags is the W3C trace flags that log records carry.
              .setFlags(span.getFlags() & 0xff)
              .addAttributes(EvaluationAttributes.name(dimension))
              .addAttributes(
                  keyValue(
                      SpanEnricher.EVALUATION_SCORE_VALUE,
                      AnyValue.newBuilder().setDoubleValue(score.value()).build()))
              .addAttributes(EvaluationAttributes.scoreLabel(failed));
      if (!score.explanation().isEmpty()) {
        record.addAttributes(
            keyValue(SpanEnricher.EVALUATION_EXPLANATION, text(score.explanation())));
      }
      if (responseId != null && !responseId.isEmpty()) {
        record.addAttributes(keyValue(SpanEnricher.RESPONSE_ID, text(responseId)));
      }
      scope.addLogRecords(record);
    }
  }

  /** Returns true when no record was added. */
  boolean isEmpty() {
    return byResource.isEmpty();
  }

  /** Returns the records as one export request; the default instance when there are none. */
  ExportLogsServiceRequest toRequest() {
    if (byResource.isEmpty()) {
      return ExportLogsServiceRequest.getDefaultInstance();
    }
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    byResource.values().forEach(request::addResourceLogs);
    return request.build();
  }

  private ScopeLogs.Builder scope(int resourceIndex, Resource resource) {
    ResourceLogs.Builder resourceLogs =
        byResource.computeIfAbsent(
            resourceIndex,
            index ->
                ResourceLogs.newBuilder()
                    .setResource(resource)
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .setScope(InstrumentationScope.newBuilder().setName(SCOPE_NAME))));
    return resourceLogs.getScopeLogsBuilder(0);
  }

  private static KeyValue keyValue(String key, AnyValue value) {
    return EvaluationAttributes.keyValue(key, value);
  }

  private static AnyValue text(String value) {
    return EvaluationAttributes.text(value);
  }
}
