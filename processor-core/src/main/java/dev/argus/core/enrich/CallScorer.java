package dev.argus.core.enrich;

import dev.argus.core.enrich.PendingCall.Judgement;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Plans the evaluation of each call of a request and scores the planned calls together: in parallel
 * when the evaluator is also a {@link BatchEvaluator}, else one after another. A call whose content
 * cannot be judged is given its {@code not_evaluated} judgement without scoring. Thread-safe when
 * the evaluator is.
 */
final class CallScorer {
  private static final HexFormat HEX = HexFormat.of();

  private final Evaluator evaluator;
  private final ScanLimit scanLimit;

  CallScorer(Evaluator evaluator, ScanLimit scanLimit) {
    this.evaluator = evaluator;
    this.scanLimit = scanLimit;
  }

  /**
   * Returns the planned call of {@code genAiSpan}: judged at once when its content cannot be
   * judged, else added to the batch's calls to score together.
   */
  PendingCall plan(GenAiSpan genAiSpan, RequestBatch batch) {
    // Enrichment never changes ids, so the span as received names the trace and the span.
    Span span = batch.current(genAiSpan);
    GenAiCall call = genAiSpan.call();
    String serviceName = batch.serviceName(genAiSpan.resourceIndex());
    String traceId = HEX.formatHex(span.getTraceId().toByteArray());
    PendingCall pending = new PendingCall(genAiSpan, serviceName, traceId);
    String reason = EvaluationEligibility.reasonNotToEvaluate(call);
    if (ArgusAttributes.REASON_CONTENT_NOT_CAPTURED.equals(reason) && batch.contentOverdue(span)) {
      // Held for its records and they did not come in time: not the same as capture switched off.
      reason = ArgusAttributes.REASON_CONTENT_NOT_RECEIVED;
    }
    if (reason != null) {
      Evaluation notEvaluated =
          Evaluation.notEvaluated(null, EvaluationEligibility.explanation(reason, call));
      pending.judgement = new Judgement(notEvaluated, reason, null);
      return pending;
    }
    // Scorers see texts cut to the limit; the span keeps its attributes as they came.
    pending.scanned = scanLimit.apply(call);
    batch.planScoring(pending);
    return pending;
  }

  /**
   * Scores every planned call of the request: all at once when the evaluator can take a batch, else
   * one after another. A call whose scoring throws is marked failed and costs only itself.
   */
  void score(List<PendingCall> pending) {
    if (pending.isEmpty()) {
      return;
    }
    List<ScoringInput> inputs = new ArrayList<>(pending.size());
    for (PendingCall call : pending) {
      inputs.add(new ScoringInput(call.scanned.call(), call.serviceName, null, call.traceId));
    }
    List<Evaluation> evaluations = evaluateAll(inputs);
    for (int i = 0; i < pending.size(); i++) {
      Evaluation evaluation = evaluations != null ? evaluations.get(i) : evaluateOne(inputs.get(i));
      if (evaluation != null) {
        pending.get(i).judgement = judgement(evaluation, pending.get(i).scanned);
      }
    }
  }

  /** Returns the evaluations of a batch evaluator, or null to score the inputs one by one. */
  private List<Evaluation> evaluateAll(List<ScoringInput> inputs) {
    if (!(evaluator instanceof BatchEvaluator batchEvaluator) || inputs.size() < 2) {
      return null;
    }
    try {
      List<Evaluation> evaluations = batchEvaluator.evaluateAll(inputs);
      return evaluations.size() == inputs.size() ? evaluations : null;
    } catch (RuntimeException e) {
      // Scored one by one instead, so that only the call at fault goes unscored.
      return null;
    }
  }

  /** Returns the evaluation of {@code input}, or null when scoring threw. */
  private Evaluation evaluateOne(ScoringInput input) {
    try {
      return evaluator.evaluate(input);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Judgement judgement(Evaluation evaluation, ScanLimit.Limited scanned) {
    if (evaluation.verdict() != Verdict.NOT_EVALUATED) {
      return new Judgement(evaluation, null, scanned);
    }
    return new Judgement(evaluation, evaluation.notEvaluatedReason(), scanned);
  }
}
