package dev.argus.server;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.admin.AdminAccess;
import dev.argus.server.admin.AdminServer;
import dev.argus.server.admin.ArgusMetrics;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ScoringSettings;
import dev.argus.server.export.CountingTraceExporter;
import dev.argus.server.export.JsonLinesFileExporter;
import dev.argus.server.export.LogExporter;
import dev.argus.server.export.OtlpGrpcTraceExporter;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.join.SpanLogJoiner;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.receiver.OtlpHttpReceiver;
import dev.argus.server.receiver.OtlpTraceReceiver;
import dev.argus.server.receiver.ReceiverCounters;
import dev.argus.server.webhook.CorrectionCandidate;
import dev.argus.server.webhook.CorrectionDispatcher;

/**
 * A running ARGUS: the OTLP/gRPC and OTLP/HTTP receivers, the span-log join, the evaluation
 * pipeline and the exporter, wired from an {@link ArgusConfig}. Closing it releases the held
 * spans, stops accepting requests, waits for those in flight, then closes the exporter.
 */
public final class ArgusServer implements AutoCloseable {
  private static final long DRAIN_MILLIS = 10_000;

  private final OtlpTraceReceiver receiver;
  private final OtlpHttpReceiver httpReceiver;
  private final TraceExporter exporter;
  private final TracePipeline pipeline;
  private final SpanLogJoiner joiner;
  private final ReceiverCounters counters;
  private final CorrectionDispatcher corrections;
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
      ArgusMetrics metrics,
      AdminServer admin) {
    this.receiver = receiver;
    this.httpReceiver = httpReceiver;
    this.exporter = exporter;
    this.pipeline = pipeline;
    this.joiner = joiner;
    this.counters = counters;
    this.corrections = corrections;
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
   * @param listener told about evaluated spans once they were delivered
   * @throws java.io.UncheckedIOException when the receiver cannot bind or the output file cannot be
   *     opened
   */
  public static ArgusServer start(
      ArgusConfig config,
      GenAiExtractor extractor,
      Evaluator evaluator,
      EvaluatedSpanListener listener) {
    TraceExporter exporter;
    LogExporter logExporter;
    if (config.otlpExporter() != null) {
      OtlpGrpcTraceExporter grpc = new OtlpGrpcTraceExporter(config.otlpExporter());
      exporter = grpc;
      logExporter = grpc;
    } else {
      JsonLinesFileExporter file = new JsonLinesFileExporter(config.filePath());
      exporter = file;
      logExporter = file;
    }
    CountingTraceExporter counted = new CountingTraceExporter(exporter);
    exporter = counted;
    ArgusMetrics metrics = new ArgusMetrics();
    EvaluatedSpanListener scored =
        spans -> {
          metrics.scores().onEvaluated(spans);
          listener.onEvaluated(spans);
        };
    CorrectionDispatcher corrections;
    try {
      corrections = new CorrectionDispatcher(config.correction());
    } catch (RuntimeException e) {
      exporter.close();
      throw e;
    }
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            extractor,
            evaluator,
            new SpanEnricher(config.evaluationEvents()),
            (span, attempt) -> corrections.offer(candidate(span, attempt)),
            TraceRequestProcessor.defaultAgentTracker(),
            config.evaluationLogs());
    // Evaluation results go out as log records to wherever the received logs go.
    TracePipeline pipeline =
        new TracePipeline(
            processor, exporter, config.evaluationLogs() ? logExporter : null, scored);
    SpanLogJoiner joiner =
        new SpanLogJoiner(
            config.logJoin(), pipeline::handle, logExporter, extractor::awaitsLogContent);
    ReceiverCounters counters = new ReceiverCounters();
    OtlpTraceReceiver receiver =
        new OtlpTraceReceiver(config.receiver(), joiner, joiner, counters);
    OtlpHttpReceiver httpReceiver =
        config.httpReceiver() == null
            ? null
            : new OtlpHttpReceiver(config.httpReceiver(), joiner, joiner, counters);
    metrics.register(
        new ArgusMetrics.Sources(counters, pipeline, counted, joiner, corrections.stats()));
    // Open until the receivers have credentials to share: AdminAccess is where a bearer-token
    // check plugs in for /metrics, /readyz and /v1/evaluate (/healthz stays open for probes).
    AdminServer admin =
        config.admin() == null
            ? null
            : new AdminServer(config.admin(), metrics, evaluator, AdminAccess.OPEN);
    try {
      receiver.start();
      if (httpReceiver != null) {
        httpReceiver.start();
      }
      if (admin != null) {
        admin.start();
      }
    } catch (RuntimeException e) {
      if (httpReceiver != null) {
        httpReceiver.shutdown(0);
      }
      receiver.shutdown(0);
      exporter.close();
      corrections.close();
      throw e;
    }
    if (admin != null) {
      // Every receiver is bound: traffic may come.
      admin.markReady();
    }
    return new ArgusServer(
        receiver, httpReceiver, exporter, pipeline, joiner, counters, corrections, metrics,
        admin);
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
    // Held spans go out first, so the requests that brought them can be answered while draining.
    joiner.close();
    if (httpReceiver != null) {
      httpReceiver.shutdown(DRAIN_MILLIS);
    }
    receiver.shutdown(DRAIN_MILLIS);
    exporter.close();
    // Last: requests drained above may still have offered events.
    corrections.close();
    if (admin != null) {
      admin.close();
    }
  }
}
