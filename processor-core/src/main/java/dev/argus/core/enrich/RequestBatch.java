package dev.argus.core.enrich;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one request's processing has produced so far: the spans changed and evaluated, the
 * evaluation log records, the calls still to score and the steps to run once they are scored. One
 * batch per request, used by one thread.
 */
final class RequestBatch {
  private static final String SERVICE_NAME = "service.name";

  private final ExportTraceServiceRequest request;
  private final Map<Position, Span> changed = new HashMap<>();
  private final Map<Position, EvaluatedSpan> evaluated = new HashMap<>();
  private final EvaluationLogs logs = new EvaluationLogs();
  // Calls to score, and what to do with their results in the order the spans were walked, so
  // the spans and log records come out as they would if each call were scored when reached.
  private final List<PendingCall> toScore = new ArrayList<>();
  private final List<Runnable> steps = new ArrayList<>();
  private final String[] serviceNames;
  // Keys (trace id + span id) of spans whose content records did not arrive in time.
  private final Set<ByteString> overdue;
  private int failed;

  /**
   * Creates the batch of {@code request}.
   *
   * @param overdue keys (trace id + span id) of spans whose content records did not arrive in time
   */
  RequestBatch(ExportTraceServiceRequest request, Set<ByteString> overdue) {
    this.request = request;
    this.overdue = overdue;
    this.serviceNames = new String[request.getResourceSpansCount()];
  }

  /** Returns the span as changed so far, else as received. */
  Span current(GenAiSpan span) {
    Span changedSpan = changed.get(Position.of(span));
    return changedSpan != null
        ? changedSpan
        : request
            .getResourceSpans(span.resourceIndex())
            .getScopeSpans(span.scopeIndex())
            .getSpans(span.spanIndex());
  }

  /** Puts {@code replacement} in the place of {@code span} in the result. */
  void update(GenAiSpan span, Span replacement) {
    if (replacement != current(span)) {
      changed.put(Position.of(span), replacement);
    }
  }

  /** Adds {@code result} to the evaluated spans, which are returned in request order. */
  void evaluated(GenAiSpan span, EvaluatedSpan result) {
    evaluated.put(Position.of(span), result);
  }

  /** Adds the {@code gen_ai.evaluation.result} log record of {@code span}. */
  void addEvaluationLog(GenAiSpan genAiSpan, Span span, GenAiCall call, Evaluation evaluation) {
    int resourceIndex = genAiSpan.resourceIndex();
    logs.add(resourceIndex, resource(resourceIndex), span, call, evaluation);
  }

  /** Returns the {@code service.name} of the resource, or null when it has none. */
  String serviceName(int resourceIndex) {
    String name = serviceNames[resourceIndex];
    if (name == null) {
      // "" marks a resource without service.name, so it is looked up once.
      name = Objects.requireNonNullElse(serviceNameOf(resource(resourceIndex)), "");
      serviceNames[resourceIndex] = name;
    }
    return name.isEmpty() ? null : name;
  }

  /** Returns true when {@code span} was held for content records that did not arrive in time. */
  boolean contentOverdue(Span span) {
    return overdue.contains(span.getTraceId().concat(span.getSpanId()));
  }

  /** Adds {@code call} to the calls scored together when the request was walked. */
  void planScoring(PendingCall call) {
    toScore.add(call);
  }

  /** Adds a step to run, in the order added, after the planned calls were scored. */
  void afterScoring(Runnable step) {
    steps.add(step);
  }

  /** Counts a span that could not be read or scored. */
  void countFailed() {
    failed++;
  }

  /** Returns the calls planned for scoring, to score before {@link #finish}. */
  List<PendingCall> planned() {
    return toScore;
  }

  /** Applies the steps in order, once the planned calls were scored, and returns the result. */
  ProcessedTraces finish() {
    for (Runnable step : steps) {
      step.run();
    }
    return result();
  }

  private Resource resource(int resourceIndex) {
    return request.getResourceSpans(resourceIndex).getResource();
  }

  private ProcessedTraces result() {
    List<Position> order = new ArrayList<>(evaluated.keySet());
    order.sort(null);
    List<EvaluatedSpan> spans = new ArrayList<>(order.size());
    order.forEach(position -> spans.add(evaluated.get(position)));
    ExportTraceServiceRequest out = request;
    if (!changed.isEmpty()) {
      ExportTraceServiceRequest.Builder builder = request.toBuilder();
      changed.forEach(
          (position, span) ->
              builder
                  .getResourceSpansBuilder(position.resource())
                  .getScopeSpansBuilder(position.scope())
                  .setSpans(position.span(), span));
      out = builder.build();
    }
    return new ProcessedTraces(out, spans, failed, logs.toRequest());
  }

  private static String serviceNameOf(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (SERVICE_NAME.equals(attribute.getKey()) && attribute.getValue().hasStringValue()) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  /** Position of a span in its request. */
  private record Position(int resource, int scope, int span) implements Comparable<Position> {
    static Position of(GenAiSpan span) {
      return new Position(span.resourceIndex(), span.scopeIndex(), span.spanIndex());
    }

    @Override
    public int compareTo(Position other) {
      return resource != other.resource
          ? Integer.compare(resource, other.resource)
          : scope != other.scope
              ? Integer.compare(scope, other.scope)
              : Integer.compare(span, other.span);
    }
  }
}
