package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.otlp.ItemCounts;
import dev.argus.server.testing.EdgeCases;
import dev.argus.server.testing.ScriptedCollector;
import dev.argus.server.testing.ScriptedCollector.Answer;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * BL-37: which downstream answers the exporter retries, and how long it waits. The gRPC scenarios
 * run against a real scripted OTLP/gRPC downstream through the real exporter and sending queue, on
 * a fake clock; the HTTP scenarios check the same table for HTTP answers.
 */
class Bl37RetryTableTest {
  private static final ExportTraceServiceRequest REQUEST = EdgeCases.request("BL-37.request.json");

  private final FakeTime time = new FakeTime();
  private ScriptedCollector downstream;
  private SendingQueue<ExportTraceServiceRequest> queue;
  private OtlpGrpcTraceExporter exporter;

  @AfterEach
  void tearDown() throws Exception {
    if (queue != null) {
      queue.close();
    }
    if (exporter != null) {
      exporter.close();
    }
    if (downstream != null) {
      downstream.close();
    }
  }

  @Test
  void bl37_gReNoInfo_resourceExhaustedWithoutRetryInfoIsNotRetried() throws Exception {
    send(List.of(Answer.error(Status.Code.RESOURCE_EXHAUSTED, "quota exceeded")));

    assertEquals(1, downstream.attempts().size());
    assertEquals(spans(), queue.stats().permanentFailureItems());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void bl37_gReInfo_retryInfoDelayIsHonoured() throws Exception {
    send(
        List.of(
            Answer.errorWithRetryInfo(Status.Code.RESOURCE_EXHAUSTED, Duration.ofSeconds(2)),
            Answer.ok()));

    assertEquals(2, downstream.attempts().size());
    assertEquals(1, time.sleeps().size());
    assertTrue(time.sleeps().get(0).compareTo(Duration.ofSeconds(2)) >= 0, "" + time.sleeps());
    assertEquals(spans(), queue.stats().deliveredItems());
  }

  @Test
  void bl37_gUnavailForever_retriesWithGrowingBackoffUntilMaxElapsedTimeThenDrops()
      throws Exception {
    send(List.of(Answer.error(Status.Code.UNAVAILABLE, "down")));

    Duration total = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(total.compareTo(RetryConfig.DEFAULT_MAX_ELAPSED_TIME) <= 0, "slept " + total);
    // Default 5s initial, x1.5, 30s cap, +-50 % jitter, 5 min budget: about 10 to 25 attempts.
    int attempts = downstream.attempts().size();
    assertTrue(attempts >= 8 && attempts <= 30, "attempts: " + attempts);
    assertEquals(attempts - 1, time.sleeps().size());
    // Once backoff has grown, no more than a handful of attempts per minute.
    List<Duration> late = time.sleeps().subList(6, time.sleeps().size());
    assertTrue(late.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(10)) >= 0), "" + late);
    assertEquals(spans(), queue.stats().expiredItems());
    assertEquals(0, queue.stats().deliveredItems());
  }

  @Test
  void bl37_gInvalid_isNotRetried() throws Exception {
    send(List.of(Answer.error(Status.Code.INVALID_ARGUMENT, "bad trace id")));

    assertEquals(1, downstream.attempts().size());
    assertEquals(spans(), queue.stats().permanentFailureItems());
  }

  @Test
  void bl37_gInternal_isNotRetried() throws Exception {
    send(List.of(Answer.error(Status.Code.INTERNAL, "boom")));

    assertEquals(1, downstream.attempts().size());
    assertEquals(spans(), queue.stats().permanentFailureItems());
  }

  @Test
  void bl37_unavailableThenOk_backoffHasRandomJitterAndGrows() throws Exception {
    // Many runs of "503, 503, 200" in the gRPC form: the second gap is longer on average.
    Random random = new Random(37);
    RetryPolicy policy = new RetryPolicy(RetryConfig.DEFAULT, random::nextDouble);
    ExportException unavailable =
        ExportException.grpc(true, Status.Code.UNAVAILABLE, "busy", null, null);
    double first = 0;
    double second = 0;
    java.util.Set<Duration> distinct = new java.util.HashSet<>();
    for (int run = 0; run < 200; run++) {
      Duration a = policy.nextDelay(unavailable, 1, Duration.ZERO).orElseThrow();
      Duration b = policy.nextDelay(unavailable, 2, a).orElseThrow();
      first += a.toMillis();
      second += b.toMillis();
      distinct.add(a);
    }

    assertTrue(second > first, "mean first " + first / 200 + " ms, second " + second / 200);
    assertTrue(distinct.size() > 100, "jitter produced only " + distinct.size() + " values");
  }

  @Test
  void bl37_httpScenarios_followTheTable() {
    RetryPolicy policy = new RetryPolicy(RetryConfig.DEFAULT, () -> 0.5);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Map<Integer, Boolean> retried =
        Map.of(400, false, 429, true, 503, true, 500, false, 413, false);

    retried.forEach(
        (status, expected) -> {
          ExportException answer = ExportException.http(status, "HTTP " + status, null);
          assertEquals(
              expected, policy.nextDelay(answer, 1, Duration.ZERO).isPresent(), "HTTP " + status);
        });
    // h429 with Retry-After: 7 waits at least 7 s although the backoff would be 5 s.
    ExportException h429 =
        ExportException.http(429, "slow down", RetryPolicy.parseRetryAfter("7", now).get());
    assertEquals(Duration.ofSeconds(7), policy.nextDelay(h429, 1, Duration.ZERO).orElseThrow());
  }

  private void send(List<Answer> script) throws Exception {
    downstream = new ScriptedCollector(script);
    exporter =
        new OtlpGrpcTraceExporter(
            new OtlpGrpcExporterConfig(
                downstream.endpoint(), true, Map.of(), false, Duration.ofSeconds(5)));
    RetryPolicy policy = new RetryPolicy(RetryConfig.DEFAULT, new Random(37)::nextDouble);
    SendingQueueConfig config =
        new SendingQueueConfig(true, 10, 1, null, false, 1 << 20, 1 << 20, Duration.ofSeconds(1));
    queue = new SendingQueue<>(config, new TraceDownstream(exporter), policy, time, time::nanoTime);

    queue.offer(List.of(REQUEST));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (queue.size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(0, queue.size(), "request still queued after 20 s");
  }

  private static long spans() {
    return ItemCounts.spans(REQUEST);
  }
}
