package dev.argus.core.enrich;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.agent.AgentMetrics;
import dev.argus.core.scoring.agent.AgentSpanSummary;
import dev.argus.core.scoring.agent.AgentTraceTracker;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.GenAiTrace;
import dev.argus.semconv.extract.LogJoin;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the gen-AI calls in a trace export request, evaluates them with the context of their trace
 * and writes the results onto their spans. No I/O; thread-safe.
 *
 * <p>Spans are read through {@link GenAiExtractor#traces(ExportTraceServiceRequest, LogJoin)}, so a
 * call sees the retrieval results and tool results of its trace and the content that arrived as
 * OTLP log records. What each span gets:
 *
 * <ul>
 *   <li><b>Model calls</b> (LLM calls, embeddings, and unclassified gen-AI spans that carry
 *       content): every one gets a verdict, intermediate agent steps included, because each is a
 *       separate answer that can fail on its own. A call whose content did not arrive in a form
 *       that can be judged (not captured, redacted, truncated by the producer, no output) is marked
 *       {@code argus.verdict=not_evaluated} with {@code argus.not_evaluated.reason} and is never
 *       scored as empty text.
 *   <li><b>Agent and library-operation spans</b> ({@code invoke_agent}, AI SDK roots) usually
 *       repeat the question and final answer of the model calls below them; scoring them too would
 *       judge one answer twice. They are scored only when no model call below them carries content
 *       (some frameworks record content at agent level only). Model calls seen in earlier requests
 *       of the trace count, through the {@link AgentTraceTracker}.
 *   <li><b>{@code invoke_agent} spans</b> get the {@code argus.agent.*} metrics of their run,
 *       computed from the span summaries of their trace that the tracker keeps across requests, so
 *       children exported before their parent still count.
 *   <li><b>Every other span</b> is left byte for byte as it came, and a request without any gen-AI
 *       span is returned as the very same instance (no copy, no re-serialisation).
 * </ul>
 *
 * <p>The calls of a request are scored together after all its traces were walked: in parallel when
 * the evaluator is also a {@link BatchEvaluator}, else one after another. Everything else (trace
 * context, agent tracking, enrichment, correction links, log records) happens on the calling thread
 * in span order, so results do not depend on how the scoring was spread. Scorers that learn from
 * traffic (answer history, cost baseline) see the calls of one request in no particular order, as
 * they already see those of concurrent requests.
 *
 * <p>A span that cannot be read or scored is forwarded unchanged and counted in {@link
 * ProcessedTraces#failedSpans()}; it never affects the other spans of the batch. The only state is
 * the agent tracker, the retrieved documents remembered per trace and whatever state the evaluator
 * keeps; all are bounded.
 */
public final class TraceRequestProcessor {
  /** Default number of traces whose agent span summaries are remembered. */
  public static final int DEFAULT_AGENT_TRACES = 4_096;

  /** Default number of span summaries remembered per trace. */
  public static final int DEFAULT_AGENT_SPANS_PER_TRACE = 256;

  /** Default time a trace's summaries are kept after its last span. */
  public static final Duration DEFAULT_AGENT_TRACE_TTL = Duration.ofMinutes(5);

  private static final HexFormat HEX = HexFormat.of();

  private final GenAiExtractor extractor;
  private final SpanEnricher enricher;
  private final AgentTraceTracker agents;
  private final CallScorer scorer;
  private final JudgementWriter writer;
  private final CrossRequestContext contexts = new CrossRequestContext();

  /** Creates a processor from its three stages, without correction events. */
  public TraceRequestProcessor(
      GenAiExtractor extractor, Evaluator evaluator, SpanEnricher enricher) {
    this(extractor, evaluator, enricher, CorrectionLinker.NONE);
  }

  /**
   * Creates a processor whose evaluated spans are offered to {@code linker}; a span it links gets
   * {@code argus.correction.id}. Agent runs are tracked with the defaults; no evaluation log
   * records are produced.
   */
  public TraceRequestProcessor(
      GenAiExtractor extractor,
      Evaluator evaluator,
      SpanEnricher enricher,
      CorrectionLinker linker) {
    this(extractor, evaluator, enricher, linker, defaultAgentTracker(), false);
  }

  /**
   * Creates a processor.
   *
   * @param linker offered every failed span; a span it links gets {@code argus.correction.id}
   * @param agents remembers span summaries per trace for the agent metrics
   * @param evaluationLogs whether to return {@code gen_ai.evaluation.result} log records in {@link
   *     ProcessedTraces#evaluationLogs()}
   */
  public TraceRequestProcessor(
      GenAiExtractor extractor,
      Evaluator evaluator,
      SpanEnricher enricher,
      CorrectionLinker linker,
      AgentTraceTracker agents,
      boolean evaluationLogs) {
    this(extractor, evaluator, enricher, linker, agents, evaluationLogs, ScanLimit.DEFAULT);
  }

  /**
   * Creates a processor whose scorers see each text of a call cut to {@code scanLimit}; a span
   * whose text was cut gets {@code argus.scoring.truncated} and the char counts.
   *
   * @param linker offered every failed span; a span it links gets {@code argus.correction.id}
   * @param agents remembers span summaries per trace for the agent metrics
   * @param evaluationLogs whether to return {@code gen_ai.evaluation.result} log records in {@link
   *     ProcessedTraces#evaluationLogs()}
   * @param scanLimit the longest text the scorers look at
   */
  public TraceRequestProcessor(
      GenAiExtractor extractor,
      Evaluator evaluator,
      SpanEnricher enricher,
      CorrectionLinker linker,
      AgentTraceTracker agents,
      boolean evaluationLogs,
      ScanLimit scanLimit) {
    Objects.requireNonNull(scanLimit, "scanLimit");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    Objects.requireNonNull(evaluator, "evaluator");
    this.enricher = Objects.requireNonNull(enricher, "enricher");
    Objects.requireNonNull(linker, "linker");
    this.agents = Objects.requireNonNull(agents, "agents");
    this.scorer = new CallScorer(evaluator, scanLimit);
    this.writer =
        new JudgementWriter(enricher, new FailedSpanLinker(linker, enricher), evaluationLogs);
  }

  /** Returns an agent tracker with the default bounds and the system clock. */
  public static AgentTraceTracker defaultAgentTracker() {
    return new AgentTraceTracker(
        DEFAULT_AGENT_TRACES,
        DEFAULT_AGENT_SPANS_PER_TRACE,
        DEFAULT_AGENT_TRACE_TTL,
        Ticker.systemTicker());
  }

  /** Returns the enriched request and the evaluated spans of {@code request}. */
  public ProcessedTraces process(ExportTraceServiceRequest request) {
    return process(request, LogJoin.empty());
  }

  /**
   * Returns the enriched request and the evaluated spans of {@code request}, reading content also
   * from the log records that {@code records} joins to each span.
   */
  public ProcessedTraces process(ExportTraceServiceRequest request, SpanRecords records) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(records, "records");
    if (records == SpanRecords.NONE) {
      return process(request, LogJoin.empty());
    }
    List<LogRecord> joined = new ArrayList<>();
    Set<ByteString> overdue = new HashSet<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          joined.addAll(records.recordsFor(span));
          if (records.contentOverdue(span)) {
            overdue.add(span.getTraceId().concat(span.getSpanId()));
          }
        }
      }
    }
    return process(request, joined.isEmpty() ? LogJoin.empty() : LogJoin.of(joined), overdue);
  }

  /**
   * Returns the enriched request and the evaluated spans of {@code request}, reading content also
   * from the gen-AI event log records in {@code logs} (joined by trace id and span id).
   */
  public ProcessedTraces process(ExportTraceServiceRequest request, LogJoin logs) {
    return process(request, logs, Set.of());
  }

  private ProcessedTraces process(
      ExportTraceServiceRequest request, LogJoin logs, Set<ByteString> overdue) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(logs, "logs");
    List<GenAiTrace> traces;
    try {
      traces = extractor.traces(request, logs);
    } catch (RuntimeException e) {
      // Extractors do not throw on bad values; should one still fail, read span by span so the
      // unreadable span costs only itself.
      return processSpanBySpan(request, logs, overdue);
    }
    if (traces.isEmpty()) {
      return new ProcessedTraces(request, List.of());
    }
    RequestBatch batch = new RequestBatch(request, overdue);
    for (GenAiTrace trace : traces) {
      processTrace(trace, batch);
    }
    scorer.score(batch.planned());
    return batch.finish();
  }

  private void processTrace(GenAiTrace trace, RequestBatch batch) {
    contexts.remember(trace);
    TraceShape shape = new TraceShape(trace);
    List<GenAiSpan> agentLevel = new ArrayList<>();
    for (GenAiSpan span : trace.spans()) {
      if (!span.isGenAi()) {
        continue;
      }
      if (span.role() == SpanRole.AGENT || span.role() == SpanRole.OPERATION) {
        agentLevel.add(span);
      } else if (EvaluationEligibility.isModelCall(span)) {
        evaluateSafely(contexts.withRememberedContext(trace, span), batch);
      }
    }
    Map<String, AgentSpanSummary> summaries = shape.needsTracking() ? shape.summaries() : Map.of();
    for (AgentSpanSummary summary : summaries.values()) {
      if (summary.role() != AgentSpanSummary.Role.AGENT) {
        agents.record(summary);
      }
    }
    // Inner agents end before outer ones; their summaries must be in place for the outer run.
    agentLevel.sort(Comparator.comparingLong(GenAiSpan::endTimeUnixNano));
    for (GenAiSpan span : agentLevel) {
      AgentSpanSummary summary = summaries.get(span.spanId());
      if (EvaluationEligibility.hasContent(span.call())
          && !repeatsModelCalls(span, shape, summary)) {
        evaluateSafely(span, batch);
      }
      if (summary != null && summary.role() == AgentSpanSummary.Role.AGENT) {
        Optional<AgentMetrics> metrics = agents.record(summary);
        if (metrics.isPresent()) {
          // After the span's own evaluation, whose enrichment the metrics are added to.
          batch.afterScoring(
              () ->
                  batch.update(
                      span, enricher.withAgentMetrics(batch.current(span), metrics.get())));
        }
      }
    }
  }

  /**
   * True when the answer of an agent or operation span was produced by model calls below it that
   * are evaluated themselves: one with content in this request, or (when none is here) one the
   * tracker saw in an earlier request of the trace.
   */
  private boolean repeatsModelCalls(GenAiSpan span, TraceShape shape, AgentSpanSummary summary) {
    boolean modelCallHere = false;
    for (GenAiSpan other : shape.trace().spans()) {
      if (other.role() == SpanRole.LLM_CALL && shape.descends(other, span.spanId())) {
        if (EvaluationEligibility.hasContent(other.call())) {
          return true;
        }
        modelCallHere = true;
      }
    }
    return !modelCallHere && summary != null && agents.hasModelCallBelow(summary);
  }

  /**
   * Plans the evaluation of {@code span}: its scoring runs with the rest of the request once every
   * trace was walked, its enrichment in walk order after that.
   */
  private void evaluateSafely(GenAiSpan span, RequestBatch batch) {
    PendingCall pending;
    try {
      pending = scorer.plan(span, batch);
    } catch (RuntimeException e) {
      // A span that cannot be scored must not cost its batch-mates their evaluation.
      batch.countFailed();
      return;
    }
    batch.afterScoring(() -> completeSafely(pending, batch));
  }

  private void completeSafely(PendingCall pending, RequestBatch batch) {
    if (pending.judgement == null) {
      // Its scoring threw.
      batch.countFailed();
      return;
    }
    try {
      writer.complete(pending, batch);
    } catch (RuntimeException e) {
      batch.countFailed();
    }
  }

  /** The fallback when trace assembly failed: each span read on its own, without trace context. */
  private ProcessedTraces processSpanBySpan(
      ExportTraceServiceRequest request, LogJoin logs, Set<ByteString> overdue) {
    RequestBatch batch = new RequestBatch(request, overdue);
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          Span span = scopeSpans.getSpans(i);
          try {
            Optional<GenAiCall> call = extractor.extract(span, logs.recordsFor(span));
            if (call.isPresent()) {
              PendingCall pending = scorer.plan(standalone(r, s, i, span, call.get()), batch);
              batch.afterScoring(() -> completeSafely(pending, batch));
            }
          } catch (RuntimeException e) {
            batch.countFailed();
          }
        }
      }
    }
    scorer.score(batch.planned());
    return batch.finish();
  }

  private static GenAiSpan standalone(int r, int s, int i, Span span, GenAiCall call) {
    return new GenAiSpan(
        r,
        s,
        i,
        HEX.formatHex(span.getSpanId().toByteArray()),
        null,
        span.getName(),
        SpanRole.ofOperation(call.operation()),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        call,
        false);
  }
}
