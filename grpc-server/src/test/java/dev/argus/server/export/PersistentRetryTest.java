package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.testing.EdgeCases;
import dev.argus.server.testing.ScriptedCollector;
import dev.argus.server.testing.ScriptedCollector.Answer;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent queue has acknowledged its data as durable, so it keeps retrying a downstream that
 * is down for longer than {@code max_elapsed_time} instead of dropping the data.
 */
class PersistentRetryTest {
  private static final int FAILURES = 40;

  @TempDir Path storage;

  @Test
  void persistentQueue_keepsRetryingPastMaxElapsedTime() throws Exception {
    List<Answer> script = new ArrayList<>();
    for (int i = 0; i < FAILURES; i++) {
      script.add(Answer.error(Status.Code.UNAVAILABLE, "down"));
    }
    script.add(Answer.ok());
    ExportTraceServiceRequest request = EdgeCases.request("BL-38.request.json");
    FakeTime time = new FakeTime();
    SendingQueueConfig config =
        new SendingQueueConfig(
            true, 10, 1, storage, false, 4 << 20, 1 << 20, Duration.ofSeconds(1));
    try (ScriptedCollector downstream = new ScriptedCollector(script);
        OtlpGrpcTraceExporter exporter =
            new OtlpGrpcTraceExporter(
                new OtlpGrpcExporterConfig(
                    downstream.endpoint(), true, Map.of(), false, Duration.ofSeconds(5)));
        SendingQueue<ExportTraceServiceRequest> queue =
            new SendingQueue<>(
                config,
                new TraceDownstream(exporter),
                new RetryPolicy(RetryConfig.DEFAULT, new Random(6)::nextDouble),
                time,
                time::nanoTime)) {
      queue.offer(List.of(request));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (queue.size() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Duration waited = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
      assertTrue(
          waited.compareTo(RetryConfig.DEFAULT_MAX_ELAPSED_TIME) > 0,
          "the fake outage must outlast max_elapsed_time, waited " + waited);
      assertEquals(0, queue.stats().expiredItems(), "acknowledged spans dropped");
      assertEquals(FAILURES + 1, downstream.attempts().size());
      assertEquals(1, downstream.accepted().size());
      assertEquals(
          new TraceDownstream(exporter).itemCount(request), queue.stats().deliveredItems());
    }
  }
}
