package dev.argus.server;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ScoringSettings;
import dev.argus.server.export.DeliveryStats;
import dev.argus.server.export.JsonLinesFileExporter;
import dev.argus.server.export.OtlpGrpcTraceExporter;
import dev.argus.server.export.QueuedTraceExporter;
import dev.argus.server.export.SyncTraceExporter;
import dev.argus.server.export.TraceDelivery;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.receiver.OtlpTraceReceiver;
import dev.argus.server.receiver.TraceRequestHandler;
import dev.argus.server.security.BudgetedEvaluator;
import dev.argus.server.security.ReceiverSecurity;
import dev.argus.server.security.SpanLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.argus.server.webhook.CorrectionCandidate;
import dev.argus.server.webhook.CorrectionDispatcher;

/**
 * A running ARGUS: the OTLP/gRPC receiver, the evaluation pipeline and the exporter, wired from an
 * {@link ArgusConfig}. Closing it stops accepting requests, waits for those in flight, then closes
 * the exporter.
 */
public final class ArgusServer implements AutoCloseable {
  private static final long DRAIN_MILLIS = 10_000;

  private final OtlpTraceReceiver receiver;
  private final TraceExporter exporter;
  private final TracePipeline pipeline;
  private final CorrectionDispatcher corrections;
  private final BudgetedEvaluator budgetedEvaluator;

  private ArgusServer(
      OtlpTraceReceiver receiver,
      TraceExporter exporter,
      TracePipeline pipeline,
      CorrectionDispatcher corrections,
      BudgetedEvaluator budgetedEvaluator) {
    this.receiver = receiver;
    this.exporter = exporter;
    this.pipeline = pipeline;
    this.corrections = corrections;
    this.budgetedEvaluator = budgetedEvaluator;
  }

  /**
   * Starts a server with the standard gen-AI extractor and the evaluator configured in {@code
   * config}, and no listener.
   *
   * @throws java.io.UncheckedIOException when the receiver cannot bind or the output file cannot be
   *     opened
   */
  public static ArgusServer start(ArgusConfig config) {
    return start(config, extractor(), evaluator(config.scoring()), EvaluatedSpanListener.NONE);
  }

  /**
   * Starts a server.
   *
   * @param config the configuration
   * @param extractor reads gen-AI calls out of spans
   * @param evaluator scores them
   * @param listener told about evaluated spans once they were delivered
   * @throws java.io.UncheckedIOException when the receiver cannot bind or the output file cannot be
   *     opened
   */
  public static ArgusServer start(
      ArgusConfig config,
      GenAiExtractor extractor,
      Evaluator evaluator,
      EvaluatedSpanListener listener) {
    TraceExporter exporter = exporter(config);
    BudgetedEvaluator budgeted = budgeted(config, evaluator);
    CorrectionDispatcher corrections = new CorrectionDispatcher(config.correction());
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            extractor,
            budgeted != null ? budgeted : evaluator,
            new SpanEnricher(config.evaluationEvents()),
            (span, attempt) -> corrections.offer(candidate(span, attempt)));
    TracePipeline pipeline = new TracePipeline(processor, exporter, listener);
    OtlpTraceReceiver receiver;
    try {
      ReceiverSecurity security = config.security().receivers();
      TraceRequestHandler guarded = new SpanLimits(pipeline, security.maxAttributesPerSpan());
      receiver = new OtlpTraceReceiver(config.receiver(), guarded, security);
    } catch (RuntimeException e) {
      exporter.close();
      corrections.close();
      if (budgeted != null) {
        budgeted.close();
      }
      throw e;
    }
    try {
      receiver.start();
    } catch (RuntimeException e) {
      exporter.close();
      corrections.close();
      if (budgeted != null) {
        budgeted.close();
      }
      throw e;
    }
    return new ArgusServer(receiver, exporter, pipeline, corrections, budgeted);
  }

  /** Returns {@code evaluator} under the configured scoring time budget, or null for none. */
  private static BudgetedEvaluator budgeted(ArgusConfig config, Evaluator evaluator) {
    if (config.security().scoringTimeBudget().isZero()) {
      return null;
    }
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    return new BudgetedEvaluator(
        evaluator, config.scoring().profile(), config.security().scoringTimeBudget(), threads);
  }

  private static CorrectionCandidate candidate(EvaluatedSpan span, int attempt) {
    return new CorrectionCandidate(
        span.traceId(),
        span.spanId(),
        span.serviceName(),
        span.call(),
        span.evaluation(),
        attempt);
  }

  /** Returns the destination behind the configured sending queue or synchronous forwarding. */
  private static TraceExporter exporter(ArgusConfig config) {
    TraceExporter destination =
        config.otlpExporter() != null
            ? new OtlpGrpcTraceExporter(config.otlpExporter(), config.security().exporterTls())
            : new JsonLinesFileExporter(config.filePath());
    try {
      return TraceDelivery.create(config.delivery(), destination);
    } catch (IOException e) {
      destination.close();
      throw new UncheckedIOException(
          "cannot open exporter.sending_queue.storage: " + e.getMessage(), e);
    }
  }

  /** Returns the extractor for every supported convention. */
  static GenAiExtractor extractor() {
    return GenAiExtractor.standard();
  }

  /** Returns the evaluator for the configured scoring settings. */
  static Evaluator evaluator(ScoringSettings settings) {
    return new GenAiEvaluator(settings.toScoringConfig());
  }

  /** Returns the port the receiver is bound to. */
  public int port() {
    return receiver.port();
  }

  /** Returns the pipeline, for its counters. */
  public TracePipeline pipeline() {
    return pipeline;
  }

  /** Returns the counters of the sending queue or synchronous forwarding. */
  public DeliveryStats deliveryStats() {
    if (exporter instanceof QueuedTraceExporter queued) {
      return queued.stats();
    }
    return exporter instanceof SyncTraceExporter sync ? sync.stats() : new DeliveryStats();
  }

  /** Returns the correction webhooks, for their counters. */
  public CorrectionDispatcher corrections() {
    return corrections;
  }

  /** Returns where enriched requests go, for the log. */
  public String destination() {
    return exporter.describe();
  }

  @Override
  public void close() {
    receiver.shutdown(DRAIN_MILLIS);
    exporter.close();
    // Last: requests drained above may still have offered events.
    corrections.close();
    if (budgetedEvaluator != null) {
      budgetedEvaluator.close();
    }
  }
}
