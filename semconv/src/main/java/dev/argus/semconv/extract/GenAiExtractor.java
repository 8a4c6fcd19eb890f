package dev.argus.semconv.extract;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the gen-AI calls in OTLP trace requests by trying each convention extractor in order; the
 * first one that recognises a span reads it. Request-level methods also assemble each trace (see
 * {@link GenAiTrace}) and can read content that arrived as OTLP log records ({@link LogJoin}).
 * Thread-safe and free of I/O; the only state is a small memo of recent readings (see {@link
 * #awaitsLogContent(Span)}), which never changes a result.
 */
public final class GenAiExtractor {

  /** Roles whose spans are returned by {@link #extract(ExportTraceServiceRequest)}. */
  private static final Set<SpanRole> CALL_ROLES =
      EnumSet.of(SpanRole.LLM_CALL, SpanRole.AGENT, SpanRole.OPERATION, SpanRole.EMBEDDINGS);

  /** Spans in flight between {@link #awaitsLogContent(Span)} and their evaluation. */
  private static final int MEMO_SLOTS = 4_096;

  private final List<ConventionExtractor> extractors;
  private final RecentReadings memo = new RecentReadings(MEMO_SLOTS);

  /** Creates an extractor that tries {@code extractors} in the given order. */
  public GenAiExtractor(List<ConventionExtractor> extractors) {
    this.extractors = List.copyOf(extractors);
  }

  /**
   * Returns an extractor for every supported convention, tried in this order (first match wins):
   *
   * <ol>
   *   <li>{@link OpenInferenceExtractor} — {@code openinference.span.kind};
   *   <li>{@link VercelAiExtractor} — {@code ai.operationId} (these spans also carry {@code
   *       gen_ai.*} keys, so they must be claimed first);
   *   <li>{@link OpenLlmetryExtractor} — {@code traceloop.span.kind}, {@code llm.request.type} or
   *       indexed {@code gen_ai.prompt.<N>.*};
   *   <li>{@link SemconvExtractor} when the span carries a content attribute ({@code
   *       gen_ai.input.messages}, {@code gen_ai.output.messages}, {@code
   *       gen_ai.system_instructions});
   *   <li>{@link DetailsEventExtractor} — a {@code gen_ai.client.inference.operation.details} span
   *       event or joined log record;
   *   <li>{@link MessageEventsExtractor} — per-message events ({@code gen_ai.user.message}, ...,
   *       {@code gen_ai.choice}) as span events or joined log records;
   *   <li>{@link LegacyExtractor} — {@code gen_ai.prompt}/{@code gen_ai.completion} attributes or
   *       {@code gen_ai.content.*} events;
   *   <li>{@link VectorDbExtractor} — vector-store queries with {@code db.query.result} events;
   *   <li>{@link SemconvExtractor} again for any other {@code gen_ai.*} span: metadata and usage
   *       without content ({@link ContentStatus#NOT_CAPTURED}).
   * </ol>
   */
  public static GenAiExtractor standard() {
    SemconvExtractor semconv = new SemconvExtractor();
    return new GenAiExtractor(
        List.of(
            new OpenInferenceExtractor(),
            new VercelAiExtractor(),
            new OpenLlmetryExtractor(),
            SemconvExtractor.withContentOnly(),
            new DetailsEventExtractor(),
            new MessageEventsExtractor(),
            new LegacyExtractor(),
            new VectorDbExtractor(),
            semconv));
  }

  /** Returns the extractors in the order they are tried. */
  public List<ConventionExtractor> extractors() {
    return extractors;
  }

  /** Returns the call carried by {@code span}, or empty when no convention recognises it. */
  public Optional<GenAiCall> extract(Span span) {
    return extract(SpanView.of(span));
  }

  /**
   * Returns the call carried by {@code span} together with {@code records}, the gen-AI event log
   * records joined to it (same trace id and span id), or empty when no convention recognises it.
   */
  public Optional<GenAiCall> extract(Span span, List<LogRecord> records) {
    return extract(SpanView.of(span, records));
  }

  /** Returns the call carried by the viewed span, or empty when no convention recognises it. */
  public Optional<GenAiCall> extract(SpanView view) {
    ConventionExtractor extractor = extractorFor(view);
    return extractor == null ? Optional.empty() : Optional.of(read(extractor, view));
  }

  /**
   * Returns true when {@code span} is a gen-AI model call whose content is neither on the span nor
   * in its span events: the official instrumentations send it as log records, so a receiver may
   * hold such a span briefly for its records before evaluating.
   *
   * <p>The reading is remembered for this span instance, so {@link
   * #traces(ExportTraceServiceRequest, LogJoin)} does not parse it again when no log record was
   * joined to it.
   */
  public boolean awaitsLogContent(Span span) {
    SpanView view = SpanView.of(span);
    ConventionExtractor extractor = extractorFor(view);
    if (extractor == null) {
      // Remembered too: most spans are not gen-AI, and the request pass would test them again.
      memo.put(new RecentReadings.Reading(span, view, null, null));
      return false;
    }
    GenAiCall call = extractor.extract(view);
    memo.put(new RecentReadings.Reading(span, view, extractor, call));
    SpanRole role = extractor.role(view, call);
    return role == SpanRole.LLM_CALL && call.contentStatus() == ContentStatus.NOT_CAPTURED;
  }

  /**
   * Returns the calls of every model-level span in {@code request} (LLM calls, agents, library
   * operations, embeddings), in request order, each with its trace-assembled context, role and
   * whether it is its trace's evaluation target.
   */
  public List<ExtractedCall> extract(ExportTraceServiceRequest request) {
    return extract(request, LogJoin.empty());
  }

  /** As {@link #extract(ExportTraceServiceRequest)}, reading content also from {@code logs}. */
  public List<ExtractedCall> extract(ExportTraceServiceRequest request, LogJoin logs) {
    List<ExtractedCall> calls = new ArrayList<>();
    for (GenAiTrace trace : traces(request, logs)) {
      for (GenAiSpan span : trace.spans()) {
        if (span.isGenAi() && CALL_ROLES.contains(span.role())) {
          calls.add(
              new ExtractedCall(
                  span.resourceIndex(),
                  span.scopeIndex(),
                  span.spanIndex(),
                  span.call(),
                  span.role(),
                  span == trace.target(),
                  span.usageAggregate()));
        }
      }
    }
    calls.sort(
        (a, b) ->
            a.resourceIndex() != b.resourceIndex()
                ? Integer.compare(a.resourceIndex(), b.resourceIndex())
                : a.scopeIndex() != b.scopeIndex()
                    ? Integer.compare(a.scopeIndex(), b.scopeIndex())
                    : Integer.compare(a.spanIndex(), b.spanIndex()));
    return calls;
  }

  /** Returns every trace of {@code request} that has at least one gen-AI span. */
  public List<GenAiTrace> traces(ExportTraceServiceRequest request) {
    return traces(request, LogJoin.empty());
  }

  /**
   * Returns every trace of {@code request} that has at least one gen-AI span, assembled with the
   * log records in {@code logs}; traces appear in order of their first span.
   */
  public List<GenAiTrace> traces(ExportTraceServiceRequest request, LogJoin logs) {
    if (!hasGenAiSpan(request, logs)) {
      // Most traffic carries no gen-AI span: skip grouping and id conversion for all of it.
      forgetReadings(request);
      return List.of();
    }
    Map<String, List<TraceAssembler.Entry>> byTrace = new LinkedHashMap<>();
    Set<String> genAiTraces = new HashSet<>();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          Span span = scopeSpans.getSpans(i);
          List<LogRecord> records = logs.recordsFor(span);
          // Joined records change the reading; without them an earlier one of this span holds.
          RecentReadings.Reading earlier = records.isEmpty() ? memo.take(span) : null;
          SpanView view = earlier != null ? earlier.view() : SpanView.of(span, records);
          ConventionExtractor extractor =
              earlier != null ? earlier.extractor() : extractorFor(view);
          GenAiCall call = null;
          if (extractor != null) {
            call =
                earlier != null
                    ? FormatRequests.withInferredFormat(earlier.call())
                    : read(extractor, view);
          }
          SpanRole role = extractor == null ? SpanRole.OTHER : extractor.role(view, call);
          String traceId = OtlpIds.hex(span.getTraceId());
          byTrace
              .computeIfAbsent(traceId, k -> new ArrayList<>())
              .add(new TraceAssembler.Entry(r, s, i, span, view, call, role));
          if (call != null) {
            genAiTraces.add(traceId);
          }
        }
      }
    }
    List<GenAiTrace> traces = new ArrayList<>(genAiTraces.size());
    for (Map.Entry<String, List<TraceAssembler.Entry>> trace : byTrace.entrySet()) {
      if (genAiTraces.contains(trace.getKey())) {
        traces.add(TraceAssembler.assemble(trace.getKey(), trace.getValue()));
      }
    }
    return traces;
  }

  /**
   * Drops the remembered readings of the spans of {@code request}, which will not be asked for:
   * left in place, they would keep the spans and their views alive until their slots are reused.
   */
  private void forgetReadings(ExportTraceServiceRequest request) {
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          memo.take(span);
        }
      }
    }
  }

  /** Returns true when some convention recognises a span of {@code request}. */
  private boolean hasGenAiSpan(ExportTraceServiceRequest request, LogJoin logs) {
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          List<LogRecord> records = logs.recordsFor(span);
          RecentReadings.Reading earlier = records.isEmpty() ? memo.peek(span) : null;
          boolean genAi =
              earlier != null
                  ? earlier.extractor() != null
                  : extractorFor(SpanView.of(span, records)) != null;
          if (genAi) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // Every convention may leave the requested format unrecorded; the instructions can still say it.
  private static GenAiCall read(ConventionExtractor extractor, SpanView view) {
    return FormatRequests.withInferredFormat(extractor.extract(view));
  }

  private ConventionExtractor extractorFor(SpanView view) {
    for (ConventionExtractor extractor : extractors) {
      if (extractor.recognizes(view)) {
        return extractor;
      }
    }
    return null;
  }
}
