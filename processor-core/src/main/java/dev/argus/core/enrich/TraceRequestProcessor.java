package dev.argus.core.enrich;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.Verdict;
import dev.argus.core.scoring.agent.AgentMetrics;
import dev.argus.core.scoring.agent.AgentSpanSummary;
import dev.argus.core.scoring.agent.AgentTraceTracker;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.GenAiTrace;
import dev.argus.semconv.extract.LogJoin;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the gen-AI calls in a trace export request, evaluates them with the context of their
 * trace and writes the results onto their spans. No I/O; thread-safe.
 *
 * <p>Spans are read through {@link GenAiExtractor#traces(ExportTraceServiceRequest, LogJoin)}, so
 * a call sees the retrieval results and tool results of its trace and the content that arrived as
 * OTLP log records. What each span gets:
 *
 * <ul>
 *   <li><b>Model calls</b> (LLM calls, embeddings, and unclassified gen-AI spans that carry
 *       content): every one gets a verdict, intermediate agent steps included, because each is a
 *       separate answer that can fail on its own. A call whose content did not arrive in a form
 *       that can be judged (not captured, redacted, truncated by the producer, no output) is
 *       marked {@code argus.verdict=not_evaluated} with {@code argus.not_evaluated.reason} and is
 *       never scored as empty text.
 *   <li><b>Agent and library-operation spans</b> ({@code invoke_agent}, AI SDK roots) usually
 *       repeat the question and final answer of the model calls below them; scoring them too would
 *       judge one answer twice. They are scored only when no model call below them carries content
 *       (some frameworks record content at agent level only). Model calls seen in earlier requests
 *       of the trace count, through the {@link AgentTraceTracker}.
 *   <li><b>{@code invoke_agent} spans</b> get the {@code argus.agent.*} metrics of their run,
 *       computed from the span summaries of their trace that the tracker keeps across requests,
 *       so children exported before their parent still count.
 *   <li><b>Every other span</b> is left byte for byte as it came, and a request without any gen-AI
 *       span is returned as the very same instance (no copy, no re-serialisation).
 * </ul>
 *
 * <p>The calls of a request are scored together after all its traces were walked: in parallel
 * when the evaluator is also a {@link BatchEvaluator}, else one after another. Everything else
 * (trace context, agent tracking, enrichment, correction links, log records) happens on the
 * calling thread in span order, so results do not depend on how the scoring was spread. Scorers
 * that learn from traffic (answer history, cost baseline) see the calls of one request in no
 * particular order, as they already see those of concurrent requests.
 *
 * <p>A span that cannot be read or scored is forwarded unchanged and counted in {@link
 * ProcessedTraces#failedSpans()}; it never affects the other spans of the batch. The only state
 * is the agent tracker and whatever state the evaluator keeps; both are bounded.
 */
public final class TraceRequestProcessor {
  static final String NO_CONTENT = "no prompt or completion content was captured";
  static final String NOT_RECEIVED =
      "the log records with the prompt and completion did not arrive within the hold window";
  static final String REDACTED = "prompt and completion were redacted by the producer";
  static final String TRUNCATED = "the output was cut by the producer's length limit";
  static final String NO_OUTPUT = "no output text, tool call or error to judge";

  /** Default number of traces whose agent span summaries are remembered. */
  public static final int DEFAULT_AGENT_TRACES = 4_096;

  /** Default number of span summaries remembered per trace. */
  public static final int DEFAULT_AGENT_SPANS_PER_TRACE = 256;

  /** Default time a trace's summaries are kept after its last span. */
  public static final Duration DEFAULT_AGENT_TRACE_TTL = Duration.ofMinutes(5);

  private static final String SERVICE_NAME = "service.name";
  private static final Set<String> UNSCORED_OPERATIONS =
      Set.of("embeddings", "embedding", "create_embeddings");
  private static final HexFormat HEX = HexFormat.of();

  private final GenAiExtractor extractor;
  private final Evaluator evaluator;
  private final SpanEnricher enricher;
  private final CorrectionLinker linker;
  private final AgentTraceTracker agents;
  private final boolean evaluationLogs;
  private final ScanLimit scanLimit;
  // Retrieved documents of traces whose model call may come in a later request.
  private final TraceContextMemory contexts =
      new TraceContextMemory(
          TraceContextMemory.DEFAULT_MAX_BYTES,
          TraceContextMemory.DEFAULT_TTL,
          Ticker.systemTicker());

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
   * @param evaluationLogs whether to return {@code gen_ai.evaluation.result} log records in
   *     {@link ProcessedTraces#evaluationLogs()}
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
   * @param evaluationLogs whether to return {@code gen_ai.evaluation.result} log records in
   *     {@link ProcessedTraces#evaluationLogs()}
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
    this.scanLimit = Objects.requireNonNull(scanLimit, "scanLimit");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.enricher = Objects.requireNonNull(enricher, "enricher");
    this.linker = Objects.requireNonNull(linker, "linker");
    this.agents = Objects.requireNonNull(agents, "agents");
    this.evaluationLogs = evaluationLogs;
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
    Batch batch = new Batch(request, overdue);
    for (GenAiTrace trace : traces) {
      processTrace(trace, batch);
    }
    return batch.finish();
  }

  private void processTrace(GenAiTrace trace, Batch batch) {
    rememberContext(trace);
    TraceShape shape = new TraceShape(trace);
    List<GenAiSpan> agentLevel = new ArrayList<>();
    for (GenAiSpan span : trace.spans()) {
      if (!span.isGenAi()) {
        continue;
      }
      if (span.role() == SpanRole.AGENT || span.role() == SpanRole.OPERATION) {
        agentLevel.add(span);
      } else if (isModelCall(span)) {
        evaluateSafely(withRememberedContext(trace, span), batch);
      }
    }
    Map<String, AgentSpanSummary> summaries =
        shape.needsTracking() ? shape.summaries() : Map.of();
    for (AgentSpanSummary summary : summaries.values()) {
      if (summary.role() != AgentSpanSummary.Role.AGENT) {
        agents.record(summary);
      }
    }
    // Inner agents end before outer ones; their summaries must be in place for the outer run.
    agentLevel.sort(Comparator.comparingLong(GenAiSpan::endTimeUnixNano));
    for (GenAiSpan span : agentLevel) {
      AgentSpanSummary summary = summaries.get(span.spanId());
      if (hasContent(span.call()) && !repeatsModelCalls(span, shape, summary)) {
        evaluateSafely(span, batch);
      }
      if (summary != null && summary.role() == AgentSpanSummary.Role.AGENT) {
        Optional<AgentMetrics> metrics = agents.record(summary);
        if (metrics.isPresent()) {
          // After the span's own evaluation, whose enrichment the metrics are added to.
          batch.steps.add(
              () ->
                  batch.update(
                      span, enricher.withAgentMetrics(batch.current(span), metrics.get())));
        }
      }
    }
  }

  /** LLM calls and embeddings always; unclassified gen-AI spans only when they carry content. */
  private static boolean isModelCall(GenAiSpan span) {
    return span.role() == SpanRole.LLM_CALL
        || span.role() == SpanRole.EMBEDDINGS
        || (span.role() == SpanRole.OTHER && hasContent(span.call()));
  }

  private static boolean hasContent(GenAiCall call) {
    return call.contentStatus() == ContentStatus.CAPTURED
        && (call.hasCompletion() || !call.prompt().isEmpty() || !call.toolCalls().isEmpty());
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
        if (hasContent(other.call())) {
          return true;
        }
        modelCallHere = true;
      }
    }
    return !modelCallHere && summary != null && agents.hasModelCallBelow(summary);
  }

  /** Remembers the documents of the retrieval spans of {@code trace} for its later requests. */
  private void rememberContext(GenAiTrace trace) {
    for (GenAiSpan span : trace.spans()) {
      if (span.role() == SpanRole.RETRIEVAL && span.call() != null) {
        contexts.remember(
            trace.traceId(), span.call().retrievedContext(), span.startTimeUnixNano());
      }
    }
  }

  /**
   * Returns {@code span} with the documents its trace retrieved in earlier requests (those that
   * started before the call ended), when no retrieval span of this request did: as within one
   * request, retrieved documents take the place of the call's own context block.
   */
  private GenAiSpan withRememberedContext(GenAiTrace trace, GenAiSpan span) {
    if (span.call() == null || retrievedInRequest(trace, span)) {
      return span;
    }
    List<RetrievedDocument> documents =
        contexts.documents(trace.traceId(), span.endTimeUnixNano());
    if (documents.isEmpty()) {
      return span;
    }
    return new GenAiSpan(
        span.resourceIndex(), span.scopeIndex(), span.spanIndex(), span.spanId(),
        span.parentSpanId(), span.name(), span.role(), span.startTimeUnixNano(),
        span.endTimeUnixNano(), span.call().toBuilder().setRetrievedContext(documents).build(),
        span.usageAggregate());
  }

  private static boolean retrievedInRequest(GenAiTrace trace, GenAiSpan call) {
    long end = call.endTimeUnixNano() == 0 ? Long.MAX_VALUE : call.endTimeUnixNano();
    for (GenAiSpan span : trace.spans()) {
      if (span.role() == SpanRole.RETRIEVAL
          && span.call() != null
          && !span.call().retrievedContext().isEmpty()
          && span.startTimeUnixNano() <= end) {
        return true;
      }
    }
    return false;
  }

  /**
   * Plans the evaluation of {@code span}: its scoring runs with the rest of the request once every
   * trace was walked, its enrichment in walk order after that.
   */
  private void evaluateSafely(GenAiSpan span, Batch batch) {
    Pending pending;
    try {
      pending = prepare(span, batch);
    } catch (RuntimeException e) {
      // A span that cannot be scored must not cost its batch-mates their evaluation.
      batch.failed++;
      return;
    }
    batch.steps.add(() -> completeSafely(pending, batch));
  }

  private void completeSafely(Pending pending, Batch batch) {
    if (pending.judgement == null) {
      // Its scoring threw.
      batch.failed++;
      return;
    }
    try {
      complete(pending, batch);
    } catch (RuntimeException e) {
      batch.failed++;
    }
  }

  private Pending prepare(GenAiSpan genAiSpan, Batch batch) {
    // Enrichment never changes ids, so the span as received names the trace and the span.
    Span span = batch.current(genAiSpan);
    GenAiCall call = genAiSpan.call();
    String serviceName = batch.serviceName(genAiSpan.resourceIndex());
    String traceId = HEX.formatHex(span.getTraceId().toByteArray());
    Pending pending = new Pending(genAiSpan, serviceName, traceId);
    String reason = reasonNotToEvaluate(call);
    if (ArgusAttributes.REASON_CONTENT_NOT_CAPTURED.equals(reason)
        && batch.overdue.contains(span.getTraceId().concat(span.getSpanId()))) {
      // Held for its records and they did not come in time: not the same as capture switched off.
      reason = ArgusAttributes.REASON_CONTENT_NOT_RECEIVED;
    }
    if (reason != null) {
      pending.judgement =
          new Judgement(Evaluation.notEvaluated(null, explanation(reason, call)), reason, null);
      return pending;
    }
    // Scorers see texts cut to the limit; the span keeps its attributes as they came.
    pending.scanned = scanLimit.apply(call);
    batch.toScore.add(pending);
    return pending;
  }

  /**
   * Scores every planned call of the request: all at once when the evaluator can take a batch,
   * else one after another. A call whose scoring throws is marked failed and costs only itself.
   */
  private void score(List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    List<ScoringInput> inputs = new ArrayList<>(pending.size());
    for (Pending call : pending) {
      inputs.add(
          new ScoringInput(call.scanned.call(), call.serviceName, null, call.traceId));
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
    return new Judgement(
        evaluation,
        evaluation.explanation().startsWith("scoring error")
            ? ArgusAttributes.REASON_SCORING_ERROR
            : ArgusAttributes.REASON_NO_APPLICABLE_DIMENSION,
        scanned);
  }

  /** Writes the judgement of {@code pending} onto its span; a failed one goes to the linker. */
  private void complete(Pending pending, Batch batch) {
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
            HEX.formatHex(span.getSpanId().toByteArray()),
            pending.serviceName,
            call,
            judgement.evaluation());
    batch.evaluated(genAiSpan, result);
    if (enriched == span) {
      // Evaluated by an earlier ARGUS: its events, logs and correction link went out then.
      return;
    }
    if (evaluationLogs) {
      batch.logs.add(
          genAiSpan.resourceIndex(),
          batch.resource(genAiSpan.resourceIndex()),
          span,
          call,
          judgement.evaluation());
    }
    if (judgement.evaluation().verdict() == Verdict.FAIL) {
      enriched = link(enriched, result);
    }
    batch.update(genAiSpan, enriched);
  }

  // Without judgeable text there is nothing to score; scoring it would invent numbers.
  private static String reasonNotToEvaluate(GenAiCall call) {
    if (UNSCORED_OPERATIONS.contains(lower(call.operation()))) {
      return ArgusAttributes.REASON_OPERATION_NOT_SCORED;
    }
    switch (call.contentStatus()) {
      case NOT_CAPTURED:
        return ArgusAttributes.REASON_CONTENT_NOT_CAPTURED;
      case REDACTED:
        return ArgusAttributes.REASON_CONTENT_REDACTED;
      case TRUNCATED:
        return ArgusAttributes.REASON_CONTENT_TRUNCATED;
      default:
        break;
    }
    if (!call.hasCompletion() && call.toolCalls().isEmpty() && call.errorType() == null) {
      return ArgusAttributes.REASON_NO_OUTPUT;
    }
    return null;
  }

  private static String explanation(String reason, GenAiCall call) {
    switch (reason) {
      case ArgusAttributes.REASON_OPERATION_NOT_SCORED:
        return "operation not scored: " + lower(call.operation());
      case ArgusAttributes.REASON_CONTENT_NOT_CAPTURED:
        return NO_CONTENT;
      case ArgusAttributes.REASON_CONTENT_NOT_RECEIVED:
        return NOT_RECEIVED;
      case ArgusAttributes.REASON_CONTENT_REDACTED:
        return REDACTED;
      case ArgusAttributes.REASON_CONTENT_TRUNCATED:
        return TRUNCATED;
      default:
        return NO_OUTPUT;
    }
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
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

  /** The fallback when trace assembly failed: each span read on its own, without trace context. */
  private ProcessedTraces processSpanBySpan(
      ExportTraceServiceRequest request, LogJoin logs, Set<ByteString> overdue) {
    Batch batch = new Batch(request, overdue);
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          Span span = scopeSpans.getSpans(i);
          try {
            Optional<GenAiCall> call = extractor.extract(span, logs.recordsFor(span));
            if (call.isPresent()) {
              Pending pending = prepare(standalone(r, s, i, span, call.get()), batch);
              batch.steps.add(() -> completeSafely(pending, batch));
            }
          } catch (RuntimeException e) {
            batch.failed++;
          }
        }
      }
    }
    return batch.finish();
  }

  private static GenAiSpan standalone(int r, int s, int i, Span span, GenAiCall call) {
    return new GenAiSpan(
        r, s, i, HEX.formatHex(span.getSpanId().toByteArray()), null, span.getName(),
        SpanRole.ofOperation(call.operation()), span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(), call, false);
  }

  private static String serviceNameOf(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (SERVICE_NAME.equals(attribute.getKey()) && attribute.getValue().hasStringValue()) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  /**
   * An evaluation, the reason code when it is {@code not_evaluated}, and what the scorers saw of
   * the call (null when it was not scored).
   */
  private record Judgement(Evaluation evaluation, String reason, ScanLimit.Limited scanned) {}

  /**
   * A span to evaluate, planned while its traces are walked: what the scorers see of it and, once
   * scored, the judgement (null when its scoring threw).
   */
  private static final class Pending {
    final GenAiSpan span;
    final String serviceName;
    final String traceId;
    ScanLimit.Limited scanned;
    Judgement judgement;

    Pending(GenAiSpan span, String serviceName, String traceId) {
      this.span = span;
      this.serviceName = serviceName;
      this.traceId = traceId;
    }
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

  /** What one request's processing has produced so far. */
  private final class Batch {
    final ExportTraceServiceRequest request;
    final Map<Position, Span> changed = new HashMap<>();
    final Map<Position, EvaluatedSpan> evaluated = new HashMap<>();
    final EvaluationLogs logs = new EvaluationLogs();
    // Calls to score, and what to do with the results in the order the old one-by-one walk did.
    final List<Pending> toScore = new ArrayList<>();
    final List<Runnable> steps = new ArrayList<>();
    final String[] serviceNames;
    // Keys (trace id + span id) of spans whose content records did not arrive in time.
    final Set<ByteString> overdue;
    int failed;

    Batch(ExportTraceServiceRequest request, Set<ByteString> overdue) {
      this.request = request;
      this.overdue = overdue;
      this.serviceNames = new String[request.getResourceSpansCount()];
    }

    Span current(GenAiSpan span) {
      Span changedSpan = changed.get(Position.of(span));
      return changedSpan != null
          ? changedSpan
          : request
              .getResourceSpans(span.resourceIndex())
              .getScopeSpans(span.scopeIndex())
              .getSpans(span.spanIndex());
    }

    void update(GenAiSpan span, Span replacement) {
      if (replacement != current(span)) {
        changed.put(Position.of(span), replacement);
      }
    }

    void evaluated(GenAiSpan span, EvaluatedSpan result) {
      evaluated.put(Position.of(span), result);
    }

    Resource resource(int resourceIndex) {
      return request.getResourceSpans(resourceIndex).getResource();
    }

    String serviceName(int resourceIndex) {
      String name = serviceNames[resourceIndex];
      if (name == null) {
        // "" marks a resource without service.name, so it is looked up once.
        name = Objects.requireNonNullElse(serviceNameOf(resource(resourceIndex)), "");
        serviceNames[resourceIndex] = name;
      }
      return name.isEmpty() ? null : name;
    }

    /** Scores the planned calls, applies the steps in order and returns the result. */
    ProcessedTraces finish() {
      score(toScore);
      for (Runnable step : steps) {
        step.run();
      }
      return result();
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
  }
}
