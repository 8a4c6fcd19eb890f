package dev.argus.server.testing;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An ARGUS with both receivers on 127.0.0.1 ephemeral ports, forwarding to a {@link
 * RecordingCollector}, with a sender and the evaluated spans it reported.
 */
public final class RunningArgus implements AutoCloseable {
  /** The downstream collector. */
  public final RecordingCollector downstream;

  /** The server under test. */
  public final ArgusServer server;

  /** A sender to both receivers. */
  public final OtlpSender sender;

  private final BlockingQueue<EvaluatedSpan> evaluated = new LinkedBlockingQueue<>();

  private RunningArgus(String httpSettings, String yaml, Evaluator evaluator) throws Exception {
    downstream = new RecordingCollector();
    String config =
        "receivers:\n"
            + "  otlp:\n"
            + "    grpc: {endpoint: \"127.0.0.1:0\", max_recv_msg_size_mib: 1}\n"
            + "    http: {endpoint: \"127.0.0.1:0\""
            + httpSettings
            + "}\n"
            + "exporter: {otlp: {endpoint: \""
            + downstream.endpoint()
            + "\", tls: {insecure: true}, timeout: 5s}}\n"
            + yaml;
    ArgusConfig parsed = new ConfigLoader(Map.<String, String>of()::get).parse(config, "test");
    server = ArgusServer.start(parsed, GenAiExtractor.standard(), evaluator, evaluated::addAll);
    sender = new OtlpSender(server.port(), server.httpPort());
  }

  /** Starts ARGUS with {@code yaml} appended to the base configuration. */
  public static RunningArgus start(String yaml, Evaluator evaluator) throws Exception {
    return new RunningArgus("", yaml, evaluator);
  }

  /**
   * Starts ARGUS with {@code httpSettings} (for example {@code ", max_concurrent_requests: 1"})
   * added to the HTTP receiver's settings and {@code yaml} appended to the configuration.
   */
  public static RunningArgus start(String httpSettings, String yaml, Evaluator evaluator)
      throws Exception {
    return new RunningArgus(httpSettings, yaml, evaluator);
  }

  /** Returns the next evaluated span, waiting up to 10 seconds; fails when none comes. */
  public EvaluatedSpan takeEvaluated() throws InterruptedException {
    EvaluatedSpan span = evaluated.poll(10, TimeUnit.SECONDS);
    if (span == null) {
      throw new AssertionError("no span was evaluated within 10s");
    }
    return span;
  }

  /** Returns the evaluated span with this span id, waiting up to 10 seconds. */
  public EvaluatedSpan takeEvaluated(String spanIdHex) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<EvaluatedSpan> others = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        EvaluatedSpan span = evaluated.poll(100, TimeUnit.MILLISECONDS);
        if (span != null && span.spanId().equals(spanIdHex)) {
          return span;
        }
        if (span != null) {
          others.add(span);
        }
      }
    } finally {
      evaluated.addAll(others);
    }
    throw new AssertionError("span " + spanIdHex + " was not evaluated within 10s");
  }

  /** Returns the next {@code count} evaluated spans, waiting up to 10 seconds for each. */
  public List<EvaluatedSpan> takeEvaluated(int count) throws InterruptedException {
    List<EvaluatedSpan> spans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      spans.add(takeEvaluated());
    }
    return spans;
  }

  /** Returns every span evaluated so far without waiting. */
  public List<EvaluatedSpan> drainEvaluated() {
    List<EvaluatedSpan> spans = new ArrayList<>();
    evaluated.drainTo(spans);
    return spans;
  }

  @Override
  public void close() throws Exception {
    sender.close();
    server.close();
    downstream.close();
  }
}
