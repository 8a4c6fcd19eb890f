package dev.argus.server.admin;

import dev.argus.core.scoring.Verdict;
import dev.argus.server.export.DeliveryStats;
import dev.argus.server.join.SpanLogJoiner;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.receiver.ReceiverCounters;
import dev.argus.server.security.BudgetedEvaluator;
import dev.argus.server.webhook.WebhookStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * The Prometheus view of a running ARGUS. Counters that the components already keep are read when
 * scraped, through callbacks, so nothing is counted twice and the hot path pays nothing for them;
 * only the per-dimension score metrics ({@link ScoreMetrics}) and the inline evaluations are
 * recorded here. Thread-safe.
 */
public final class ArgusMetrics {
  /** Content type of {@link #write(OutputStream)}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final ScoreMetrics scores = new ScoreMetrics(registry);
  private final InlineMetrics inline = new InlineMetrics(registry);

  /**
   * The components whose counters are exported.
   *
   * @param traceDelivery counters of span delivery downstream (queued or synchronous)
   * @param logDelivery counters of log-record delivery downstream
   * @param queuedTraceRequests the trace requests in the sending queue now, or null without one
   * @param scoring the scoring pool, or null when spans are scored without a time budget
   */
  public record Sources(
      ReceiverCounters receivers,
      TracePipeline pipeline,
      DeliveryStats traceDelivery,
      DeliveryStats logDelivery,
      LongSupplier queuedTraceRequests,
      SpanLogJoiner joiner,
      WebhookStats corrections,
      BudgetedEvaluator scoring) {}

  /** Returns the per-dimension score metrics, to be told about evaluated spans. */
  public ScoreMetrics scores() {
    return scores;
  }

  /** Returns the counters of the inline evaluation API. */
  InlineMetrics inline() {
    return inline;
  }

  /** Registers callbacks that read the counters of {@code sources} at scrape time. */
  public void register(Sources sources) {
    ReceiverCounters receivers = sources.receivers();
    counter(
        "argus_receiver_accepted_spans",
        "Spans the receivers acknowledged",
        receivers::acceptedSpanCount);
    counter(
        "argus_receiver_accepted_log_records",
        "Log records the receivers acknowledged",
        receivers::acceptedLogRecordCount);
    counter(
        "argus_receiver_rejected_items",
        "Malformed spans or log records left out",
        receivers::rejectedItemCount);
    counter(
        "argus_receiver_invalid_requests",
        "Requests rejected as unreadable",
        receivers::invalidRequestCount);
    counter(
        "argus_receiver_repaired_values",
        "Invalid UTF-8 values repaired",
        receivers::repairedValueCount);
    counter(
        "argus_receiver_empty_trace_requests",
        "Trace requests answered with success that held no span",
        receivers::emptyTraceRequestCount);
    counter(
        "argus_receiver_empty_log_requests",
        "Log requests answered with success that held no log record",
        receivers::emptyLogRequestCount);
    pipeline(sources.pipeline());
    delivery("spans", sources.traceDelivery());
    delivery("log_records", sources.logDelivery());
    if (sources.queuedTraceRequests() != null) {
      gauge(
          "argus_exporter_queue_size",
          "Trace requests in the sending queue or being sent",
          sources.queuedTraceRequests());
    }
    join(sources.joiner());
    corrections(sources.corrections());
    if (sources.scoring() != null) {
      scoring(sources.scoring());
    }
  }

  // What capacity planning needs: how busy the scoring threads are, and what overload cost.
  private void scoring(BudgetedEvaluator scoring) {
    CounterWithCallback.builder()
        .name("argus_scoring_busy_seconds")
        .help("Time the scoring threads spent scoring spans and inline calls")
        .callback(callback -> callback.call(scoring.busySeconds()))
        .register(registry);
    gauge("argus_scoring_threads", "Threads that score spans and inline calls", scoring::threads);
    counter(
        "argus_scoring_over_budget_spans",
        "Spans and inline calls not evaluated: their scoring ran over scoring.time_budget",
        scoring::overBudgetCount);
    counter(
        "argus_scoring_saturated_spans",
        "Spans and inline calls not evaluated: no scoring thread was free within the budget",
        scoring::saturatedCount);
  }

  private void pipeline(TracePipeline pipeline) {
    counter(
        "argus_pipeline_trace_requests",
        "Trace requests received by the pipeline",
        pipeline::requestCount);
    counter(
        "argus_pipeline_evaluated_spans",
        "Gen-AI spans evaluated in requests accepted for delivery",
        pipeline::evaluatedSpanCount);
    CounterWithCallback.builder()
        .name("argus_pipeline_verdicts")
        .help("Evaluated gen-AI spans in requests accepted for delivery, by verdict")
        .labelNames("verdict")
        .callback(
            callback -> {
              for (Verdict verdict : Verdict.values()) {
                callback.call(pipeline.verdictCount(verdict), verdict.label());
              }
            })
        .register(registry);
    counter(
        "argus_pipeline_unscored_spans",
        "Gen-AI spans forwarded unscored: unreadable content",
        pipeline::unscoredSpanCount);
    counter(
        "argus_pipeline_processing_errors",
        "Requests forwarded without evaluation: a bug",
        pipeline::processingErrorCount);
    counter(
        "argus_pipeline_failed_exports",
        "Trace requests the destination did not accept"
            + " (sync mode; with the sending queue its consumers retry instead)",
        pipeline::failedExportCount);
    counter(
        "argus_pipeline_refused_queue_full",
        "Trace requests refused retryably because the sending queue was full",
        pipeline::refusedQueueFullCount);
    counter(
        "argus_pipeline_evaluation_log_exports",
        "Evaluation log requests accepted for delivery"
            + " (delivered in sync mode; queued with the sending queue)",
        pipeline::exportedEvaluationLogCount);
    counter(
        "argus_pipeline_failed_evaluation_log_exports",
        "Evaluation log requests not accepted for delivery"
            + " (failed in sync mode; refused by the sending queue)",
        pipeline::failedEvaluationLogExportCount);
  }

  /** Registers the delivery counters of one signal, {@code spans} or {@code log_records}. */
  private void delivery(String items, DeliveryStats stats) {
    String prefix = "argus_exporter_";
    counter(prefix + "sent_" + items, "Items the downstream accepted", stats::deliveredItems);
    counter(
        prefix + "enqueue_failed_" + items,
        "Items refused because the queue was full",
        stats::refusedItems);
    counter(
        prefix + "send_failed_" + items,
        "Items dropped: permanent failure, expired or rejected by the downstream",
        () ->
            stats.permanentFailureItems()
                + stats.expiredItems()
                + stats.rejectedByDownstreamItems());
    counter(prefix + "send_retries_" + items, "Send attempts after the first", stats::retries);
    // The parts of send_failed one by one, and the write-ahead log's recovery and loss counts,
    // which otherwise appear only in the stop log line.
    counter(
        prefix + "dropped_permanent_" + items,
        "Items dropped on a permanent downstream error",
        stats::permanentFailureItems);
    counter(
        prefix + "given_up_" + items,
        "Items dropped after retrying for max_elapsed_time",
        stats::expiredItems);
    counter(
        prefix + "rejected_by_downstream_" + items,
        "Items the downstream reported rejected in a partial success",
        stats::rejectedByDownstreamItems);
    counter(
        prefix + "recovered_" + items + "_requests",
        "Requests found in the write-ahead log at startup and resent",
        stats::recoveredRequests);
    counter(
        prefix + "corrupt_" + items + "_wal_records",
        "Corrupt regions of the write-ahead log skipped",
        stats::corruptRecords);
    counter(
        prefix + "corrupt_" + items + "_wal_bytes",
        "Bytes of the write-ahead log skipped as corrupt",
        stats::corruptBytes);
    counter(
        prefix + "lost_at_shutdown_" + items + "_requests",
        "Requests a memory queue still held when shutdown ended",
        stats::lostAtShutdownRequests);
  }

  private void join(SpanLogJoiner joiner) {
    counter(
        "argus_join_held_spans",
        "Spans held to wait for their content log records",
        joiner::heldSpanCount);
    counter(
        "argus_join_released_on_records",
        "Held traces released when their records came",
        joiner::releasedOnRecordsCount);
    counter(
        "argus_join_released_on_timeout",
        "Held traces released at the end of the window",
        joiner::releasedOnTimeoutCount);
    counter(
        "argus_join_released_early",
        "Held traces released early by the memory bound",
        joiner::releasedEarlyCount);
    counter("argus_join_records", "Gen-AI content log records received", joiner::joinedRecordCount);
    gauge("argus_join_held_traces", "Traces held right now", joiner::heldTraceCount);
  }

  private void corrections(WebhookStats stats) {
    counter("argus_correction_events", "Correction events created", stats::events);
    counter(
        "argus_correction_exhausted_events",
        "correction.exhausted events created",
        stats::exhausted);
    counter(
        "argus_correction_deduplicated",
        "Failed spans already corrected within the window",
        stats::deduplicated);
    counter("argus_correction_attempts", "Webhook HTTP attempts", stats::attempts);
    counter(
        "argus_correction_delivered", "Webhook deliveries acknowledged with 2xx", stats::delivered);
    counter(
        "argus_correction_dead_lettered",
        "Webhook deliveries written to the dead-letter file",
        stats::deadLettered);
    counter(
        "argus_correction_dropped",
        "Correction events or deliveries that found a full queue",
        stats::dropped);
    counter(
        "argus_correction_breaker_opened",
        "Times a subscriber's circuit breaker opened",
        stats::breakerOpened);
    counter(
        "argus_correction_invalid_ids",
        "Failed spans without a usable trace or span id",
        stats::invalidIds);
  }

  private void counter(String name, String help, LongSupplier value) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsLong()))
        .register(registry);
  }

  private void gauge(String name, String help, LongSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsLong()))
        .register(registry);
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}
