package dev.argus.server.pipeline;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.enrich.ProcessedTraces;
import dev.argus.core.enrich.SpanRecords;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Verdict;
import dev.argus.server.export.ExportException;
import dev.argus.server.export.ExportFailures;
import dev.argus.server.export.LogExporter;
import dev.argus.server.export.LongStrings;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.log.FailureStreak;
import dev.argus.server.log.ThrottledWarning;
import dev.argus.server.receiver.TraceRequestHandler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates each received trace request, forwards the enriched request, and tells the listener
 * about the evaluated spans once the destination accepted them. When the processor returns {@code
 * gen_ai.evaluation.result} log records, they are sent to the log exporter after their spans were
 * accepted, so a reader never sees a result whose span has not arrived.
 *
 * <p>Nothing is lost on the way: when processing fails the original request is forwarded as it
 * came, and the caller's future fails (retryably, where that helps) whenever the destination did
 * not accept the request. Thread-safe.
 */
public final class TracePipeline implements TraceRequestHandler {
  private static final Logger logger = Logger.getLogger(TracePipeline.class.getName());

  private final TraceRequestProcessor processor;
  private final TraceExporter exporter;
  private final LogExporter evaluationLogs;
  private final EvaluatedSpanListener listener;
  private final ThrottledWarning exportWarning;
  private final ThrottledWarning processingWarning;
  private final LongAdder requests = new LongAdder();
  private final LongAdder evaluatedSpans = new LongAdder();
  private final FailureStreak exportStreak;
  private final Map<Verdict, LongAdder> verdicts = new EnumMap<>(Verdict.class);
  private final LongAdder unscoredSpans = new LongAdder();
  private final LongAdder processingErrors = new LongAdder();
  private final LongAdder failedExports = new LongAdder();
  private final LongAdder refusedQueueFull = new LongAdder();
  private final LongAdder exportedEvaluationLogs = new LongAdder();
  private final LongAdder failedEvaluationLogExports = new LongAdder();
  private final ThrottledWarning logExportWarning;

  /** Creates a pipeline without evaluation log records. */
  public TracePipeline(
      TraceRequestProcessor processor, TraceExporter exporter, EvaluatedSpanListener listener) {
    this(processor, exporter, null, listener);
  }

  /**
   * Creates a pipeline that warns about repeated failures at most once a minute.
   *
   * @param evaluationLogs where evaluation log records go, or null to drop them
   */
  public TracePipeline(
      TraceRequestProcessor processor,
      TraceExporter exporter,
      LogExporter evaluationLogs,
      EvaluatedSpanListener listener) {
    this.processor = Objects.requireNonNull(processor, "processor");
    this.exporter = Objects.requireNonNull(exporter, "exporter");
    this.evaluationLogs = evaluationLogs;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.exportWarning = minuteWarning();
    this.processingWarning = minuteWarning();
    this.logExportWarning = minuteWarning();
    this.exportStreak =
        new FailureStreak(
            logger, exportWarning, "export to " + exporter.describe(), "failed requests");
    for (Verdict verdict : Verdict.values()) {
      verdicts.put(verdict, new LongAdder());
    }
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> handle(ExportTraceServiceRequest request) {
    return handle(request, SpanRecords.NONE);
  }

  /**
   * Evaluates and forwards {@code request} as {@link #handle(ExportTraceServiceRequest)} does,
   * reading gen-AI content also from the log records that {@code records} joins to each span.
   */
  public CompletableFuture<ExportTraceServiceResponse> handle(
      ExportTraceServiceRequest request, SpanRecords records) {
    requests.increment();
    ProcessedTraces processed;
    try {
      processed = processor.process(request, records);
    } catch (RuntimeException e) {
      // A bug in evaluation must not cost the data: forward it as it came.
      processingErrors.increment();
      processingWarning.warn("trace request forwarded without evaluation", e);
      processed = new ProcessedTraces(request, List.of());
    }
    unscoredSpans.add(processed.failedSpans());
    if (processed.failedSpans() > 0) {
      processingWarning.warn(
          "gen-AI spans forwarded without evaluation: unreadable content",
          processed.failedSpans(),
          null);
    }
    ProcessedTraces result = processed;
    // Sizing for the split and serialising then copy the long texts instead of re-encoding them.
    LongStrings.encodeAhead(processed.enrichedRequest());
    return exporter
        .export(processed.enrichedRequest())
        .whenComplete(
            (response, failure) -> {
              if (failure != null && overloaded(failure)) {
                // An expected condition the queue already logs on one throttled line: counted
                // here, without a second warning and its stack trace.
                refusedQueueFull.increment();
              } else if (failure != null) {
                failedExports.increment();
                exportStreak.failed();
                ExportFailures.warn(exportWarning, exportFailure(failure), -1, failure);
              } else {
                exportStreak.succeeded();
                countVerdicts(result);
                exportEvaluationLogs(result);
                notifyListener(result);
              }
            });
  }

  // Counted once the request is accepted for delivery: a request the sender retries after a
  // refusal is scored again, but its spans count once.
  private void countVerdicts(ProcessedTraces processed) {
    evaluatedSpans.add(processed.evaluatedSpans().size());
    for (EvaluatedSpan span : processed.evaluatedSpans()) {
      verdicts.get(span.evaluation().verdict()).increment();
    }
  }

  // The records are ARGUS's own addition: their loss is counted and logged, but never fails the
  // sender's trace request, whose data was delivered.
  private void exportEvaluationLogs(ProcessedTraces processed) {
    if (evaluationLogs == null || !processed.hasEvaluationLogs()) {
      return;
    }
    CompletableFuture<?> sent;
    try {
      sent = evaluationLogs.export(processed.evaluationLogs());
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            failedEvaluationLogExports.increment();
            ExportFailures.warn(
                logExportWarning,
                "evaluation results could not be sent as log records to "
                    + evaluationLogs.describe()
                    + "; they remain on the spans",
                -1,
                failure);
          } else {
            exportedEvaluationLogs.increment();
          }
        });
  }

  private static boolean overloaded(Throwable failure) {
    ExportException export = ExportFailures.exportException(failure);
    return export != null && export.overloaded();
  }

  private String exportFailure(Throwable failure) {
    ExportException export = ExportFailures.exportException(failure);
    if (export != null && !export.retryable()) {
      return "export to " + exporter.describe() + " rejected the data; the sender was told so";
    }
    return "export to "
        + exporter.describe()
        + " failed; the sender was asked to retry. Check that the destination is up and"
        + " reachable";
  }

  private static ThrottledWarning minuteWarning() {
    return new ThrottledWarning(logger, Level.WARNING, Duration.ofMinutes(1), System::nanoTime);
  }

  private void notifyListener(ProcessedTraces processed) {
    if (processed.evaluatedSpans().isEmpty()) {
      return;
    }
    try {
      listener.onEvaluated(processed.evaluatedSpans());
    } catch (RuntimeException e) {
      logger.log(Level.FINE, "evaluated-span listener failed", e);
    }
  }

  /** Returns the number of trace requests received. */
  public long requestCount() {
    return requests.sum();
  }

  /**
   * Returns the number of gen-AI spans evaluated in requests accepted for delivery (delivered, or
   * queued with the sending queue); a request refused and sent again counts once.
   */
  public long evaluatedSpanCount() {
    return evaluatedSpans.sum();
  }

  /**
   * Returns the number of evaluated gen-AI spans, as {@link #evaluatedSpanCount} counts them, whose
   * verdict was {@code verdict}; a {@link Verdict#FAIL} here is a scoring result, not a processing
   * failure.
   */
  public long verdictCount(Verdict verdict) {
    return verdicts.get(verdict).sum();
  }

  /**
   * Returns the number of spans that looked like gen-AI calls but could not be read or scored; they
   * were forwarded unchanged.
   */
  public long unscoredSpanCount() {
    return unscoredSpans.sum();
  }

  /**
   * Returns the number of requests forwarded without any evaluation because evaluating them threw;
   * each one is a bug worth reporting.
   */
  public long processingErrorCount() {
    return processingErrors.sum();
  }

  /** Returns the number of evaluation log requests the log destination accepted. */
  public long exportedEvaluationLogCount() {
    return exportedEvaluationLogs.sum();
  }

  /** Returns the number of evaluation log requests not accepted for delivery. */
  public long failedEvaluationLogExportCount() {
    return failedEvaluationLogExports.sum();
  }

  /**
   * Returns the number of requests the destination did not accept; requests refused because the
   * sending queue was full are counted by {@link #refusedQueueFullCount()} instead.
   */
  public long failedExportCount() {
    return failedExports.sum();
  }

  /** Returns the number of requests refused retryably because the sending queue was full. */
  public long refusedQueueFullCount() {
    return refusedQueueFull.sum();
  }
}
