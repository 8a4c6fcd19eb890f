package dev.argus.server;

import dev.argus.core.enrich.ScanLimit;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringWarmUp;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.admin.AdminAccess;
import dev.argus.server.admin.AdminServer;
import dev.argus.server.admin.ArgusMetrics;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ScoringSettings;
import dev.argus.server.export.DeliveryStats;
import dev.argus.server.export.JsonLinesFileExporter;
import dev.argus.server.export.LogExporter;
import dev.argus.server.export.OtlpGrpcTraceExporter;
import dev.argus.server.export.QueuedLogExporter;
import dev.argus.server.export.QueuedTraceExporter;
import dev.argus.server.export.ReceivedBytes;
import dev.argus.server.export.SyncLogExporter;
import dev.argus.server.export.SyncTraceExporter;
import dev.argus.server.export.TraceDelivery;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.join.SpanLogJoiner;
import dev.argus.server.log.ThrottledWarning;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.receiver.OtlpHttpReceiver;
import dev.argus.server.receiver.OtlpTraceReceiver;
import dev.argus.server.receiver.ReceiverCounters;
import dev.argus.server.receiver.TraceRequestHandler;
import dev.argus.server.security.BearerTokenAuthenticator;
import dev.argus.server.security.BudgetedEvaluator;
import dev.argus.server.security.ReceiverSecurity;
import dev.argus.server.security.SpanLimits;
import dev.argus.server.webhook.CorrectionCandidate;
import dev.argus.server.webhook.CorrectionDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpHeader;

/**
 * A running ARGUS: the OTLP/gRPC and OTLP/HTTP receivers, the span-log join, the evaluation
 * pipeline and the exporter, wired from an {@link ArgusConfig}. Closing it makes {@code /readyz}
 * answer 503, releases the held spans, stops both receivers and waits for the requests in flight
 * (the gRPC receiver refuses new calls from the start), drains the exporter, and closes the admin
 * server last.
 */
public final class ArgusServer implements AutoCloseable {
  /** How long shutdown waits for each receiver's requests in flight. */
  public static final long DRAIN_MILLIS = 10_000;

  private final OtlpTraceReceiver receiver;
  private final OtlpHttpReceiver httpReceiver;
  private final TraceExporter exporter;
  private final TracePipeline pipeline;
  private final SpanLogJoiner joiner;
  private final ReceiverCounters counters;
  private final CorrectionDispatcher corrections;
  private final LogExporter logExporter;
  private final BudgetedEvaluator budgetedEvaluator;
  private final ArgusMetrics metrics;
  private final AdminServer admin;

  private ArgusServer(
      OtlpTraceReceiver receiver,
      OtlpHttpReceiver httpReceiver,
      TraceExporter exporter,
      TracePipeline pipeline,
      SpanLogJoiner joiner,
      ReceiverCounters counters,
      CorrectionDispatcher corrections,
      LogExporter logExporter,
      BudgetedEvaluator budgetedEvaluator,
      ArgusMetrics metrics,
      AdminServer admin) {
    this.receiver = receiver;
    this.httpReceiver = httpReceiver;
    this.exporter = exporter;
    this.pipeline = pipeline;
    this.joiner = joiner;
    this.counters = counters;
    this.corrections = corrections;
    this.logExporter = logExporter;
    this.budgetedEvaluator = budgetedEvaluator;
    this.metrics = metrics;
    this.admin = admin;
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
   * @param listener told about evaluated spans once their request was accepted for delivery
   * @throws java.io.UncheckedIOException when the receiver cannot bind or the output file cannot be
   *     opened
   */
  public static ArgusServer start(
      ArgusConfig config,
      GenAiExtractor extractor,
      Evaluator evaluator,
      EvaluatedSpanListener listener) {
    // An unchanged request goes out as the bytes it came in.
    ReceivedBytes receivedBytes = new ReceivedBytes();
    TraceExporter destination;
    LogExporter logDestination;
    if (config.otlpExporter() != null) {
      OtlpGrpcTraceExporter grpc =
          new OtlpGrpcTraceExporter(
              config.otlpExporter(), config.security().exporterTls(), receivedBytes);
      destination = grpc;
      logDestination = grpc;
    } else {
      JsonLinesFileExporter file = new JsonLinesFileExporter(config.filePath());
      destination = file;
      logDestination = file;
    }
    TraceExporter exporter = traceDelivery(config, destination);
    LogExporter logExporter = logDelivery(config, logDestination, exporter);
    CorrectionDispatcher corrections;
    try {
      corrections = new CorrectionDispatcher(config.correction());
    } catch (RuntimeException e) {
      if (logExporter instanceof QueuedLogExporter queued) {
        queued.close();
      }
      exporter.close();
      throw e;
    }
    BudgetedEvaluator budgeted = budgeted(config, evaluator);
    ArgusMetrics metrics = new ArgusMetrics();
    EvaluatedSpanListener scored =
        spans -> {
          metrics.scores().onEvaluated(spans);
          listener.onEvaluated(spans);
        };
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            extractor,
            budgeted != null ? budgeted : evaluator,
            new SpanEnricher(config.evaluationEvents()),
            (span, attempt) -> corrections.offer(CorrectionCandidate.of(span, attempt)),
            TraceRequestProcessor.defaultAgentTracker(),
            config.evaluationLogs(),
            new ScanLimit(config.security().scoringMaxTextChars()));
    // Evaluation results go out as log records to wherever the received logs go.
    TracePipeline pipeline =
        new TracePipeline(
            processor, exporter, config.evaluationLogs() ? logExporter : null, scored);
    SpanLogJoiner joiner =
        new SpanLogJoiner(
            config.logJoin(), pipeline::handle, logExporter, extractor::awaitsLogContent);
    ReceiverCounters counters = new ReceiverCounters();
    ReceiverSecurity security = config.security().receivers();
    // Oversized spans are refused before the join holds them or scoring looks at them.
    TraceRequestHandler traces = new SpanLimits(joiner, security.maxAttributesPerSpan());
    OtlpTraceReceiver receiver = null;
    OtlpHttpReceiver httpReceiver = null;
    AdminServer admin = null;
    try {
      receiver =
          new OtlpTraceReceiver(
              config.receiver(), traces, joiner, counters, security, receivedBytes);
      httpReceiver =
          config.httpReceiver() == null
              ? null
              : new OtlpHttpReceiver(
                  config.httpReceiver(),
                  traces,
                  joiner,
                  counters,
                  security.authenticator(),
                  security.httpTls());
      receiver.start();
      if (httpReceiver != null) {
        httpReceiver.start();
      }
      if (config.admin() != null) {
        // Scores inline with the same budget as the pipeline, so a slow call cannot pin a thread.
        admin =
            new AdminServer(
                    config.admin(),
                    metrics,
                    budgeted != null ? budgeted : evaluator,
                    adminAccess(security))
                .start();
      }
    } catch (RuntimeException e) {
      if (httpReceiver != null) {
        httpReceiver.shutdown(0);
      }
      if (receiver != null) {
        receiver.shutdown(0);
      }
      closeQuietly(logExporter, exporter, corrections, budgeted);
      throw e;
    }
    ArgusServer server =
        new ArgusServer(
            receiver,
            httpReceiver,
            exporter,
            pipeline,
            joiner,
            counters,
            corrections,
            logExporter,
            budgeted,
            metrics,
            admin);
    metrics.register(
        new ArgusMetrics.Sources(
            counters,
            pipeline,
            server.deliveryStats(),
            server.logDeliveryStats(),
            exporter instanceof QueuedTraceExporter queued ? queued::queued : null,
            joiner,
            corrections.stats(),
            budgeted));
    if (admin != null) {
      // Every receiver is bound: traffic may come.
      admin.markReady();
    }
    return server;
  }

  /**
   * Returns the admin server's access check: the receivers' bearer token when they have one, so one
   * credential opens both; {@code /healthz} stays open either way for liveness probes.
   */
  private static AdminAccess adminAccess(ReceiverSecurity security) {
    BearerTokenAuthenticator authenticator = security.authenticator();
    if (authenticator == null) {
      return AdminAccess.OPEN;
    }
    return request -> authenticator.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION));
  }

  /** Returns {@code destination} behind the configured sending queue or synchronous forwarding. */
  private static TraceExporter traceDelivery(ArgusConfig config, TraceExporter destination) {
    try {
      return TraceDelivery.create(config.delivery(), destination);
    } catch (IOException e) {
      destination.close();
      throw new UncheckedIOException(
          "cannot open exporter.sending_queue.storage: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the log exporter: its own sending queue when enabled, else synchronous forwarding to
   * the destination.
   */
  private static LogExporter logDelivery(
      ArgusConfig config, LogExporter destination, TraceExporter traces) {
    if (!config.delivery().sendingQueue().enabled()) {
      return new SyncLogExporter(destination);
    }
    try {
      return new QueuedLogExporter(config.delivery(), destination);
    } catch (IOException e) {
      traces.close();
      throw new UncheckedIOException(
          "cannot open exporter.sending_queue.storage: " + e.getMessage(), e);
    }
  }

  /** Returns {@code evaluator} under the configured scoring time budget, or null for none. */
  private static BudgetedEvaluator budgeted(ArgusConfig config, Evaluator evaluator) {
    if (config.security().scoringTimeBudget().isZero()) {
      return null;
    }
    // Otherwise the first spans after a start would pay for loading the scorers' data.
    ScoringWarmUp.run();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    return new BudgetedEvaluator(
        evaluator, config.scoring().profile(), config.security().scoringTimeBudget(), threads);
  }

  private static void closeQuietly(
      LogExporter logs,
      TraceExporter traces,
      CorrectionDispatcher corrections,
      BudgetedEvaluator budgeted) {
    // The log queue first: it sends through the destination that the trace exporter closes.
    if (logs instanceof QueuedLogExporter queued) {
      queued.close();
    }
    traces.close();
    corrections.close();
    if (budgeted != null) {
      budgeted.close();
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

  /** Returns the port the gRPC receiver is bound to. */
  public int port() {
    return receiver.port();
  }

  /** Returns the port the HTTP receiver is bound to, or -1 when it is off. */
  public int httpPort() {
    return httpReceiver == null ? -1 : httpReceiver.port();
  }

  /** Returns the span-log join, for its counters. */
  public SpanLogJoiner joiner() {
    return joiner;
  }

  /** Returns the receivers' counters of accepted, rejected and repaired input. */
  public ReceiverCounters receiverCounters() {
    return counters;
  }

  /** Returns the pipeline, for its counters. */
  public TracePipeline pipeline() {
    return pipeline;
  }

  /** Returns the correction webhooks, for their counters. */
  public CorrectionDispatcher corrections() {
    return corrections;
  }

  /** Returns the counters of the trace sending queue or synchronous forwarding. */
  public DeliveryStats deliveryStats() {
    if (exporter instanceof QueuedTraceExporter queued) {
      return queued.stats();
    }
    return exporter instanceof SyncTraceExporter sync ? sync.stats() : new DeliveryStats();
  }

  /** Returns the counters of the log sending queue or synchronous forwarding. */
  public DeliveryStats logDeliveryStats() {
    if (logExporter instanceof QueuedLogExporter queued) {
      return queued.stats();
    }
    return logExporter instanceof SyncLogExporter sync ? sync.stats() : new DeliveryStats();
  }

  /** Returns the port the admin server is bound to, or -1 when it is off. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** Returns the metrics served on {@code /metrics}. */
  public ArgusMetrics metrics() {
    return metrics;
  }

  /** Returns where enriched requests go, for the log. */
  public String destination() {
    return exporter.describe();
  }

  @Override
  public void close() {
    if (admin != null) {
      // Readiness fails at once so the load balancer stops sending while the rest drains.
      admin.markStopping();
    }
    // No new gRPC work while the HTTP receiver drains; calls in flight finish in receiver.shutdown.
    receiver.stopAccepting();
    // Held spans go out first, so the requests that brought them can be answered while draining.
    joiner.close();
    if (httpReceiver != null) {
      httpReceiver.shutdown(DRAIN_MILLIS);
    }
    receiver.shutdown(DRAIN_MILLIS);
    // Drains the sending queues (persistent: keeps what is left), then the corrections.
    closeQuietly(logExporter, exporter, corrections, budgetedEvaluator);
    // Failures of the last minute that no later one has reported yet.
    ThrottledWarning.flushAll();
    if (admin != null) {
      // Last: until here probes get a 503 from /readyz rather than a refused connection.
      admin.close();
    }
  }
}
