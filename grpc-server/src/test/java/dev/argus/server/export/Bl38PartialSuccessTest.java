package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.otlp.ItemCounts;
import dev.argus.server.testing.EdgeCases;
import dev.argus.server.testing.ScriptedCollector;
import dev.argus.server.testing.ScriptedCollector.Answer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BL-38: a downstream "partial success" is a success: counted and logged, never resent. */
class Bl38PartialSuccessTest {
  private static final ExportTraceServiceRequest REQUEST = EdgeCases.request("BL-38.request.json");
  private static final String MESSAGE =
      "2 spans dropped: attribute gen_ai.input.messages exceeds 64 KiB";

  // Held here: the log manager keeps loggers only weakly, and a logger collected before
  // RetryingSender first asks for it would take the capturing handler with it.
  private final Logger senderLogger = Logger.getLogger(RetryingSender.class.getName());
  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logs.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private ScriptedCollector downstream;
  private OtlpGrpcTraceExporter exporter;

  @BeforeEach
  void captureLogs() {
    senderLogger.addHandler(capture);
  }

  @AfterEach
  void tearDown() throws Exception {
    senderLogger.removeHandler(capture);
    if (exporter != null) {
      exporter.close();
    }
    if (downstream != null) {
      downstream.close();
    }
  }

  @Test
  void bl38_requestHasTenSpans() {
    assertEquals(10, ItemCounts.spans(REQUEST));
  }

  @Test
  void bl38_grpcRejected_isCountedAndWarnedOnceAndNotResent() throws Exception {
    DeliveryStats stats = queued(Answer.partial(2, MESSAGE));

    assertEquals(1, downstream.attempts().size());
    assertEquals(2, stats.rejectedByDownstreamItems());
    assertEquals(10, stats.deliveredItems());
    assertEquals(0, stats.retries());
    List<LogRecord> warnings = logs.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).getMessage().contains(MESSAGE), warnings.get(0).getMessage());
  }

  @Test
  void bl38_warningOnly_isLoggedWithoutARejectedCount() throws Exception {
    DeliveryStats stats = queued(Answer.partial(0, "field 'x' is deprecated"));

    assertEquals(1, downstream.attempts().size());
    assertEquals(0, stats.rejectedByDownstreamItems());
    assertTrue(logs.stream().anyMatch(r -> r.getMessage().contains("field 'x' is deprecated")));
  }

  @Test
  void bl38_empty_isAFullSuccessWithoutALog() throws Exception {
    DeliveryStats stats = queued(Answer.partial(0, ""));

    assertEquals(1, downstream.attempts().size());
    assertEquals(0, stats.rejectedByDownstreamItems());
    assertEquals(List.of(), logs);
  }

  @Test
  void bl38_syncMode_countsAndPassesThePartialSuccessUpstream() throws Exception {
    downstream = new ScriptedCollector(List.of(Answer.partial(2, MESSAGE)));
    exporter = exporterTo(downstream);
    SyncTraceExporter sync = new SyncTraceExporter(exporter, 4 << 20);

    var response = sync.export(REQUEST).get(10, TimeUnit.SECONDS);

    assertEquals(2, response.getPartialSuccess().getRejectedSpans());
    assertEquals(2, sync.stats().rejectedByDownstreamItems());
    assertEquals(1, downstream.attempts().size());
  }

  private DeliveryStats queued(Answer answer) throws Exception {
    downstream = new ScriptedCollector(List.of(answer));
    exporter = exporterTo(downstream);
    FakeTime time = new FakeTime();
    SendingQueueConfig config =
        new SendingQueueConfig(true, 10, 1, null, false, 1 << 20, 1 << 20, Duration.ofSeconds(1));
    try (SendingQueue<ExportTraceServiceRequest> queue =
        new SendingQueue<>(
            config,
            new TraceDownstream(exporter),
            new RetryPolicy(RetryConfig.DEFAULT, new Random(38)::nextDouble),
            time,
            time::nanoTime)) {
      queue.offer(List.of(REQUEST));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (queue.size() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      // Give a wrong resend the chance to show up.
      Thread.sleep(200);
      return queue.stats();
    }
  }

  private static OtlpGrpcTraceExporter exporterTo(ScriptedCollector downstream) {
    return new OtlpGrpcTraceExporter(
        new OtlpGrpcExporterConfig(
            downstream.endpoint(), true, Map.of(), false, Duration.ofSeconds(5)));
  }
}
