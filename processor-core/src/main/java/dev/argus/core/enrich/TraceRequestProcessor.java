package dev.argus.core.enrich;

import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the gen-AI calls in a trace export request, evaluates them and writes the results onto
 * their spans. A pure function of the request: no I/O, no shared mutable state, thread-safe.
 *
 * <p>Spans that are not gen-AI calls are left untouched, and a request without any gen-AI call is
 * returned as the very same instance, so it costs no copy and no re-serialisation. A span that
 * cannot be read or scored is forwarded unchanged and counted in {@link
 * ProcessedTraces#failedSpans()}; it never affects the other spans of the batch.
 */
public final class TraceRequestProcessor {
  static final String NO_CONTENT = "no prompt or completion content was captured";
  private static final String SERVICE_NAME = "service.name";
  private static final HexFormat HEX = HexFormat.of();

  private final GenAiExtractor extractor;
  private final Evaluator evaluator;
  private final SpanEnricher enricher;
  private final CorrectionLinker linker;

  /** Creates a processor from its three stages, without correction events. */
  public TraceRequestProcessor(
      GenAiExtractor extractor, Evaluator evaluator, SpanEnricher enricher) {
    this(extractor, evaluator, enricher, CorrectionLinker.NONE);
  }

  /**
   * Creates a processor whose evaluated spans are offered to {@code linker}; a span it links gets
   * {@code argus.correction.id}.
   */
  public TraceRequestProcessor(
      GenAiExtractor extractor,
      Evaluator evaluator,
      SpanEnricher enricher,
      CorrectionLinker linker) {
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.enricher = Objects.requireNonNull(enricher, "enricher");
    this.linker = Objects.requireNonNull(linker, "linker");
  }

  /** Returns the enriched request and the evaluated spans of {@code request}. */
  public ProcessedTraces process(ExportTraceServiceRequest request) {
    return process(request, SpanRecords.NONE);
  }

  /**
   * Returns the enriched request and the evaluated spans of {@code request}, reading content also
   * from the log records that {@code records} joins to each span.
   */
  public ProcessedTraces process(ExportTraceServiceRequest request, SpanRecords records) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(records, "records");
    List<EvaluatedSpan> evaluated = new ArrayList<>();
    ExportTraceServiceRequest.Builder enriched = null;
    int failed = 0;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      String serviceName = serviceName(resourceSpans.getResource());
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          Span span = scopeSpans.getSpans(i);
          Span result;
          try {
            result = evaluate(span, records, serviceName, evaluated);
          } catch (RuntimeException e) {
            // A malformed span must not cost its batch-mates their evaluation; it goes on as is.
            failed++;
            continue;
          }
          if (result == span) {
            continue;
          }
          if (enriched == null) {
            enriched = request.toBuilder();
          }
          enriched.getResourceSpansBuilder(r).getScopeSpansBuilder(s).setSpans(i, result);
        }
      }
    }
    return new ProcessedTraces(enriched == null ? request : enriched.build(), evaluated, failed);
  }

  /** Returns the enriched span, or {@code span} itself when it is not a gen-AI call. */
  private Span evaluate(
      Span span, SpanRecords records, String serviceName, List<EvaluatedSpan> evaluated) {
    Optional<GenAiCall> found = extractor.extract(span, records.recordsFor(span));
    if (found.isEmpty()) {
      return span;
    }
    GenAiCall call = found.get();
    Evaluation evaluation =
        hasNoContent(call)
            ? Evaluation.notEvaluated(null, NO_CONTENT)
            : evaluator.evaluate(new ScoringInput(call, serviceName, null));
    Span enriched = enricher.enrich(span, call, evaluation);
    EvaluatedSpan result =
        new EvaluatedSpan(
            HEX.formatHex(span.getTraceId().toByteArray()),
            HEX.formatHex(span.getSpanId().toByteArray()),
            serviceName,
            call,
            evaluation);
    evaluated.add(result);
    // A span an earlier ARGUS already evaluated comes back unchanged and was linked there.
    if (enriched != span && evaluation.verdict() == Verdict.FAIL) {
      enriched = link(enriched, result);
    }
    return enriched;
  }

  private Span link(Span enriched, EvaluatedSpan result) {
    Optional<String> id;
    try {
      id = linker.link(result, correctionAttempt(enriched));
    } catch (RuntimeException e) {
      // Corrections are an extra; the span goes on without its link.
      return enriched;
    }
    return id.isPresent() ? enricher.withCorrectionId(enriched, id.get()) : enriched;
  }

  private static int correctionAttempt(Span span) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (ArgusAttributes.ARGUS_CORRECTION_ATTEMPT.equals(attribute.getKey())) {
        AnyValue value = attribute.getValue();
        return CorrectionPolicy.parseAttempt(
            value.hasIntValue() ? (Object) value.getIntValue() : value.getStringValue());
      }
    }
    return 0;
  }

  // Without any captured text there is nothing to judge; scoring such a call would invent numbers.
  private static boolean hasNoContent(GenAiCall call) {
    return (call.contentStatus() == ContentStatus.NOT_CAPTURED
            || call.contentStatus() == ContentStatus.REDACTED)
        && call.prompt().isEmpty()
        && call.completion().isEmpty()
        && call.inputMessages().isEmpty()
        && call.toolCalls().isEmpty();
  }

  private static String serviceName(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (SERVICE_NAME.equals(attribute.getKey()) && attribute.getValue().hasStringValue()) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }
}
