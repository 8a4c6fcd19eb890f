package dev.argus.core.enrich;

import dev.argus.core.enrich.PendingCall.Judgement;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Writes the judgement of a planned call onto its span and into the request's results: the
 * enrichment, the scan-limit attributes, the evaluation log record when those are wanted, and the
 * correction link of a failed span. Thread-safe when the enricher and linker are.
 */
final class JudgementWriter {
  private final SpanEnricher enricher;
  private final FailedSpanLinker linker;
  private final boolean evaluationLogs;

  JudgementWriter(SpanEnricher enricher, FailedSpanLinker linker, boolean evaluationLogs) {
    this.enricher = enricher;
    this.linker = linker;
    this.evaluationLogs = evaluationLogs;
  }

  /** Writes the judgement of {@code pending} onto its span; a failed one goes to the linker. */
  void complete(PendingCall pending, RequestBatch batch) {
    GenAiSpan genAiSpan = pending.span;
    Span span = batch.current(genAiSpan);
    GenAiCall call = genAiSpan.call();
    Judgement judgement = pending.judgement;
    Span enriched = enricher.enrich(span, call, judgement.evaluation(), judgement.reason());
    if (enriched != span && judgement.scanned() != null) {
      enriched = enricher.withScanLimit(enriched, judgement.scanned());
    }
    EvaluatedSpan result =
        new EvaluatedSpan(
            pending.traceId,
            pending.span.spanId(),
            pending.serviceName,
            call,
            judgement.evaluation());
    batch.evaluated(genAiSpan, result);
    if (enriched == span) {
      // Evaluated by an earlier ARGUS: its events, logs and correction link went out then.
      return;
    }
    if (evaluationLogs) {
      batch.addEvaluationLog(genAiSpan, span, call, judgement.evaluation());
    }
    if (judgement.evaluation().verdict() == Verdict.FAIL) {
      enriched = linker.link(enriched, result);
    }
    batch.update(genAiSpan, enriched);
  }
}
