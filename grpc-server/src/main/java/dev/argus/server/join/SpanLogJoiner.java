package dev.argus.server.join;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import dev.argus.core.enrich.SpanRecords;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.GenAiAttributes;
import dev.argus.server.export.LogExporter;
import dev.argus.server.otlp.ItemCounts;
import dev.argus.server.receiver.LogRequestHandler;
import dev.argus.server.receiver.TraceRequestHandler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Joins gen-AI spans to the log records that carry their content, whichever arrives first.
 *
 * <p>The official OpenTelemetry instrumentations put the prompt and completion in OTLP log records,
 * exported separately from the span. This handler stands in front of the trace pipeline and the log
 * exporter:
 *
 * <ul>
 *   <li>Gen-AI content records are forwarded at once, and a copy is kept by span (trace id + span
 *       id) for {@link LogJoinConfig#recordWindow()}.
 *   <li>A gen-AI span without content whose records are not complete yet (a details record, or an
 *       input message and an output record) is held, with the other spans of its trace in the same
 *       request, for up to {@link LogJoinConfig#holdWindow()}. It is released as soon as the
 *       records of every held span of its trace are complete; when the window ends, when the memory
 *       bound ({@link LogJoinConfig#maxHeldBytes()}) evicts it, or when ARGUS shuts down, it is
 *       released with whatever records arrived. A released span is always evaluated (or marked
 *       {@code not_evaluated}) and forwarded: never dropped.
 *   <li>The upstream request that brought a held span is answered only once that span was
 *       forwarded, so a sender's retry covers it until the destination has it.
 *   <li>A failed call (status ERROR or {@code error.type}) has no output record: its input records
 *       are enough. A span that already carries an ARGUS verdict is not held.
 *   <li>An instrumentation scope whose held spans keep waiting out the window without any record
 *       (content capture switched off) is not held for a while; see {@link HoldHistory}.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class SpanLogJoiner implements TraceRequestHandler, LogRequestHandler, AutoCloseable {
  private final JoinedTraceHandler traces;
  private final LogExporter logs;
  private final Predicate<Span> awaitsLogContent;
  private final PendingRecords records;
  private final Cache<ByteString, HeldTrace> held;
  private final HoldHistory history;
  private volatile boolean closed;

  private final LongAdder heldSpans = new LongAdder();
  private final LongAdder releasedOnRecords = new LongAdder();
  private final LongAdder releasedOnTimeout = new LongAdder();
  private final LongAdder releasedEarly = new LongAdder();
  private final LongAdder joinedRecords = new LongAdder();

  /**
   * Creates a joiner.
   *
   * @param config windows and memory bounds
   * @param traces evaluates and forwards trace requests with joined records
   * @param logs forwards log requests
   * @param awaitsLogContent true for a gen-AI span whose content is expected in log records
   */
  public SpanLogJoiner(
      LogJoinConfig config,
      JoinedTraceHandler traces,
      LogExporter logs,
      Predicate<Span> awaitsLogContent) {
    this(
        config, traces, logs, awaitsLogContent, Ticker.systemTicker(), Scheduler.systemScheduler());
  }

  SpanLogJoiner(
      LogJoinConfig config,
      JoinedTraceHandler traces,
      LogExporter logs,
      Predicate<Span> awaitsLogContent,
      Ticker ticker,
      Scheduler scheduler) {
    this.traces = Objects.requireNonNull(traces, "traces");
    this.logs = Objects.requireNonNull(logs, "logs");
    this.awaitsLogContent = Objects.requireNonNull(awaitsLogContent, "awaitsLogContent");
    this.records = new PendingRecords(config.recordWindow(), config.maxRecordBytes(), ticker);
    this.history = new HoldHistory(ticker::read);
    long windowNanos = config.holdWindow().toNanos();
    this.held =
        Caffeine.newBuilder()
            .expireAfter(new HoldExpiry(windowNanos))
            .maximumWeight(config.maxHeldBytes())
            .weigher((ByteString traceId, HeldTrace trace) -> trace.weight())
            .removalListener(this::onRemoval)
            // Release on the thread that removed the entry, so a release by records or by
            // close() has started forwarding before that call returns.
            .executor(Runnable::run)
            .scheduler(scheduler)
            .ticker(ticker)
            .build();
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> handle(ExportTraceServiceRequest request) {
    if (request.getResourceSpansCount() == 0) {
      return CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
    }
    Map<ByteString, Map<ByteString, HeldTrace.Awaited>> awaited =
        closed ? Map.of() : awaitedByTrace(request);
    if (awaited.isEmpty()) {
      return forward(request);
    }
    TraceSplit split = TraceSplit.of(request, awaited.keySet());
    List<CompletableFuture<ExportTraceServiceResponse>> parts = new ArrayList<>();
    if (split.now().getResourceSpansCount() > 0) {
      parts.add(forward(split.now()));
    }
    for (Map.Entry<ByteString, ExportTraceServiceRequest> part : split.held().entrySet()) {
      CompletableFuture<ExportTraceServiceResponse> forwarded = new CompletableFuture<>();
      Map<ByteString, HeldTrace.Awaited> keys = awaited.get(part.getKey());
      heldSpans.add(ItemCounts.spans(part.getValue()));
      held.asMap()
          .merge(
              part.getKey(),
              new HeldTrace(part.getValue(), Map.copyOf(keys), List.of(forwarded)),
              HeldTrace::merge);
      // The records may have arrived between the check above and the hold.
      releaseIfComplete(part.getKey());
      parts.add(forwarded);
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(done -> merge(parts));
  }

  @Override
  public CompletableFuture<ExportLogsServiceResponse> handle(ExportLogsServiceRequest request) {
    if (request.getResourceLogsCount() == 0) {
      return CompletableFuture.completedFuture(ExportLogsServiceResponse.getDefaultInstance());
    }
    Set<ByteString> traceIds = new HashSet<>();
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scopeLogs.getLogRecordsList()) {
          if (GenAiRecords.isContent(record)) {
            records.add(record);
            traceIds.add(record.getTraceId());
            joinedRecords.increment();
          }
        }
      }
    }
    CompletableFuture<ExportLogsServiceResponse> exported = logs.export(request);
    for (ByteString traceId : traceIds) {
      releaseIfComplete(traceId);
    }
    return exported;
  }

  /**
   * Stops holding spans and releases every held one now: each is evaluated with the records that
   * arrived and forwarded. Requests handled afterwards are forwarded without holding.
   */
  @Override
  public void close() {
    closed = true;
    held.invalidateAll();
    held.cleanUp();
  }

  /** Runs pending expirations now; the scheduler does it on its own otherwise. */
  void cleanUp() {
    held.cleanUp();
  }

  /** Returns the number of spans held so far. */
  public long heldSpanCount() {
    return heldSpans.sum();
  }

  /** Returns the number of held traces released because their records arrived. */
  public long releasedOnRecordsCount() {
    return releasedOnRecords.sum();
  }

  /** Returns the number of held traces released when the hold window ended. */
  public long releasedOnTimeoutCount() {
    return releasedOnTimeout.sum();
  }

  /** Returns the number of held traces released early because of the memory bound. */
  public long releasedEarlyCount() {
    return releasedEarly.sum();
  }

  /** Returns the number of gen-AI content records received. */
  public long joinedRecordCount() {
    return joinedRecords.sum();
  }

  /** Returns the number of traces currently held. */
  public long heldTraceCount() {
    return held.estimatedSize();
  }

  /** Returns, per trace id, the spans to hold (key to what each waits for). */
  private Map<ByteString, Map<ByteString, HeldTrace.Awaited>> awaitedByTrace(
      ExportTraceServiceRequest request) {
    Map<ByteString, Map<ByteString, HeldTrace.Awaited>> awaited = new LinkedHashMap<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        String scope = scopeSpans.getScope().getName();
        if (!history.shouldHold(scope)) {
          continue;
        }
        for (Span span : scopeSpans.getSpansList()) {
          // The span test first: most spans are not gen-AI and need no record lookup.
          if (awaits(span)) {
            ByteString key = GenAiRecords.key(span);
            boolean failed = failed(span);
            if (!records.isComplete(key, failed)) {
              awaited
                  .computeIfAbsent(span.getTraceId(), k -> new HashMap<>())
                  .put(key, new HeldTrace.Awaited(scope, failed));
            }
          }
        }
      }
    }
    return awaited;
  }

  private boolean awaits(Span span) {
    if (hasAttribute(span, ArgusAttributes.ARGUS_VERDICT)) {
      // An ARGUS upstream already evaluated it (with its records); this one passes it on.
      return false;
    }
    try {
      return awaitsLogContent.test(span);
    } catch (RuntimeException e) {
      // A span the extractor cannot read is not worth waiting for; it goes on at once.
      return false;
    }
  }

  /** Returns true when the call of {@code span} failed: status ERROR or an {@code error.type}. */
  private static boolean failed(Span span) {
    return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR
        || hasAttribute(span, GenAiAttributes.ERROR_TYPE);
  }

  private static boolean hasAttribute(Span span, String key) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (attribute.getKey().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private void releaseIfComplete(ByteString traceId) {
    held.asMap().computeIfPresent(traceId, (key, trace) -> isComplete(trace) ? null : trace);
  }

  private boolean isComplete(HeldTrace trace) {
    for (Map.Entry<ByteString, HeldTrace.Awaited> span : trace.awaited().entrySet()) {
      if (!records.isComplete(span.getKey(), span.getValue().failed())) {
        return false;
      }
    }
    return true;
  }

  private void onRemoval(ByteString traceId, HeldTrace trace, RemovalCause cause) {
    if (trace == null || cause == RemovalCause.REPLACED) {
      return;
    }
    switch (cause) {
      case EXPIRED -> releasedOnTimeout.increment();
      case SIZE, COLLECTED -> releasedEarly.increment();
      default -> releasedOnRecords.increment();
    }
    learn(trace, cause == RemovalCause.EXPIRED);
    CompletableFuture<ExportTraceServiceResponse> forwarded =
        forward(trace.spans(), overdueRecords(trace));
    forwarded.whenComplete(
        (response, failure) -> {
          for (CompletableFuture<ExportTraceServiceResponse> waiter : trace.waiters()) {
            if (failure != null) {
              waiter.completeExceptionally(failure);
            } else {
              waiter.complete(response);
            }
          }
        });
  }

  /** Tells the history, per scope, whether holding brought records. */
  private void learn(HeldTrace trace, boolean windowEnded) {
    for (Map.Entry<ByteString, HeldTrace.Awaited> span : trace.awaited().entrySet()) {
      if (records.has(span.getKey())) {
        history.joined(span.getValue().scope());
      } else if (windowEnded) {
        history.missed(span.getValue().scope());
      }
    }
  }

  /**
   * Returns the records of the held spans, telling which awaited span got none before its release
   * (late or lost records, as opposed to capture switched off).
   */
  private SpanRecords overdueRecords(HeldTrace trace) {
    Set<ByteString> overdue = new HashSet<>();
    for (ByteString key : trace.awaited().keySet()) {
      if (!records.has(key)) {
        overdue.add(key);
      }
    }
    if (overdue.isEmpty()) {
      return records::recordsFor;
    }
    return new SpanRecords() {
      @Override
      public List<LogRecord> recordsFor(Span span) {
        return records.recordsFor(span);
      }

      @Override
      public boolean contentOverdue(Span span) {
        return overdue.contains(GenAiRecords.key(span));
      }
    };
  }

  private CompletableFuture<ExportTraceServiceResponse> forward(ExportTraceServiceRequest request) {
    return forward(request, records::recordsFor);
  }

  private CompletableFuture<ExportTraceServiceResponse> forward(
      ExportTraceServiceRequest request, SpanRecords joined) {
    try {
      return traces.handle(request, joined);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Sums the partial successes the destination reported for the parts of one request. */
  private static ExportTraceServiceResponse merge(
      List<CompletableFuture<ExportTraceServiceResponse>> parts) {
    if (parts.size() == 1) {
      return parts.get(0).join();
    }
    long rejected = 0;
    List<String> messages = new ArrayList<>();
    for (CompletableFuture<ExportTraceServiceResponse> part : parts) {
      ExportTraceServiceResponse response = part.join();
      if (response.hasPartialSuccess()) {
        rejected += response.getPartialSuccess().getRejectedSpans();
        String message = response.getPartialSuccess().getErrorMessage();
        if (!message.isEmpty()) {
          messages.add(message);
        }
      }
    }
    if (rejected == 0 && messages.isEmpty()) {
      return ExportTraceServiceResponse.getDefaultInstance();
    }
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejected)
                .setErrorMessage(String.join("; ", messages)))
        .build();
  }

  /** Counts the hold window from when a trace was first held; adding spans does not extend it. */
  private static final class HoldExpiry implements Expiry<ByteString, HeldTrace> {
    private final long windowNanos;

    HoldExpiry(long windowNanos) {
      this.windowNanos = windowNanos;
    }

    @Override
    public long expireAfterCreate(ByteString key, HeldTrace value, long currentTime) {
      return windowNanos;
    }

    @Override
    public long expireAfterUpdate(
        ByteString key, HeldTrace value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(
        ByteString key, HeldTrace value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
