package dev.argus.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls the plug on the downstream, kills ARGUS, fills its queue and disk: real ARGUS processes
 * from the shaded jar, a real downstream and a real sender, all on 127.0.0.1. Every test checks,
 * and prints, that every span ARGUS acknowledged arrived downstream.
 */
class DeliveryFaultIT {
  private static final String RETRY_FAST =
      "  retry_on_failure: {initial_interval: 100ms, max_interval: 500ms, max_elapsed_time: 0}\n";

  @TempDir Path dir;
  private FaultCollector downstream;
  private ArgusProcess argus;
  private LoadGenerator sender;

  @AfterEach
  void tearDown() throws Exception {
    if (sender != null) {
      sender.close();
    }
    if (argus != null) {
      argus.close();
    }
    if (downstream != null) {
      downstream.close();
    }
  }

  @Test
  void downstreamDownThenBack_memoryQueue_zeroLost() throws Exception {
    downstreamDownThenBack("memory", "    queue_size: 20\n");
  }

  @Test
  void downstreamDownThenBack_persistentQueue_zeroLost() throws Exception {
    downstreamDownThenBack(
        "persistent", "    queue_size: 20\n    storage: \"" + dir.resolve("queue") + "\"\n");
  }

  private void downstreamDownThenBack(String mode, String queueYaml) throws Exception {
    downstream = new FaultCollector();
    downstream.stop();
    argus = ArgusProcess.start(dir, mode, config(queueYaml, RETRY_FAST));
    sender = new LoadGenerator(argus.port());

    CompletableFuture<Void> load =
        CompletableFuture.runAsync(() -> sendQuietly("down-" + mode, 100, 5, 8, 60_000));
    Thread.sleep(3_000);
    int refusedWhileDown = sender.errors(Status.Code.UNAVAILABLE);
    downstream.start();
    load.get();

    awaitDelivery(sender.acknowledged(), Duration.ofSeconds(30));
    report(mode + " queue, downstream down 3 s then back");
    assertEquals(500, sender.acknowledged().size(), "the sender's retries got everything in");
    assertTrue(refusedWhileDown > 0, "the full queue must refuse retryably while down");
    assertTrue(downstream.delivered().containsAll(sender.acknowledged()));
  }

  @Test
  void downstreamBackAfterALongOutage_syncSendersGetThroughWithinSeconds() throws Exception {
    downstream = new FaultCollector();
    downstream.stop();
    String sync =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter:\n"
            + "  otlp: {endpoint: \""
            + downstream.endpoint()
            + "\", tls: {insecure: true}, timeout: 2s}\n";
    argus = ArgusProcess.start(dir, "sync", sync);
    sender = new LoadGenerator(argus.port());

    // 30 s of refused connections, long enough for a reconnect backoff to grow past 10 s.
    long outageEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int sent = 0;
    while (System.nanoTime() < outageEnd) {
      assertFalse(sender.sendOnce(LoadGenerator.request("outage-" + sent++, 1, 10)));
      Thread.sleep(250);
    }
    downstream.start();
    long back = System.nanoTime();
    long refusedMillis;
    while (!sender.sendOnce(LoadGenerator.request("after-" + sent++, 1, 10))) {
      refusedMillis = (System.nanoTime() - back) / 1_000_000;
      assertTrue(refusedMillis < 20_000, "still refused " + refusedMillis + " ms later");
      Thread.sleep(100);
    }
    refusedMillis = (System.nanoTime() - back) / 1_000_000;
    System.out.printf(
        "FAULT sync, downstream down 30 s then back: refused for %d ms after it came back%n",
        refusedMillis);
    assertTrue(
        refusedMillis <= 3_000,
        "senders were refused for " + refusedMillis + " ms after the downstream came back");
  }

  @Test
  void slowDownstream_acknowledgesFromTheQueueAndDeliversEverything() throws Exception {
    downstream = new FaultCollector();
    downstream.setDelayMillis(200);
    argus =
        ArgusProcess.start(
            dir, "slow", config("    queue_size: 1000\n    num_consumers: 4\n", RETRY_FAST));
    sender = new LoadGenerator(argus.port());
    // Warm up the child JVM so that the timing below measures the queue, not class loading.
    sender.send("warm-up", 8, 1, 4, false, 10_000);
    awaitDelivery(sender.acknowledged(), Duration.ofSeconds(10));

    long start = System.nanoTime();
    sender.send("slow", 40, 5, 4, false, 10_000);
    Duration acknowledgedIn = Duration.ofNanos(System.nanoTime() - start);
    awaitDelivery(sender.acknowledged(), Duration.ofSeconds(30));
    Duration deliveredIn = Duration.ofNanos(System.nanoTime() - start);

    report("slow downstream (200 ms per request, 4 consumers)");
    System.out.printf(
        "  acknowledged in %d ms, delivered in %d ms%n",
        acknowledgedIn.toMillis(), deliveredIn.toMillis());
    assertEquals(208, sender.acknowledged().size());
    // 40 requests at 200 ms over 4 consumers take >= 2 s downstream; the sender waits far less.
    assertTrue(deliveredIn.toMillis() >= 1_900, "delivered in " + deliveredIn);
    assertTrue(
        acknowledgedIn.compareTo(deliveredIn.dividedBy(2)) < 0, "acked in " + acknowledgedIn);
  }

  @Test
  void retryTable_eachDownstreamStatus() throws Exception {
    downstream = new FaultCollector();
    argus =
        ArgusProcess.start(
            dir,
            "table",
            config(
                "    queue_size: 100\n",
                "  retry_on_failure: {initial_interval: 100ms, max_interval: 300ms,"
                    + " max_elapsed_time: 20s}\n"));
    sender = new LoadGenerator(argus.port());
    List<String> retried =
        List.of(
            "UNAVAILABLE",
            "DEADLINE_EXCEEDED",
            "ABORTED",
            "CANCELLED",
            "OUT_OF_RANGE",
            "DATA_LOSS",
            "RESOURCE_EXHAUSTED+info");
    List<String> permanent =
        List.of(
            "INVALID_ARGUMENT",
            "INTERNAL",
            "RESOURCE_EXHAUSTED",
            "UNAUTHENTICATED",
            "PERMISSION_DENIED",
            "UNIMPLEMENTED",
            "NOT_FOUND");
    for (String code : retried) {
      assertTrue(sender.sendOnce(LoadGenerator.request("fail:" + code + ":2:r", 3, 10)));
    }
    for (String code : permanent) {
      assertTrue(sender.sendOnce(LoadGenerator.request("fail:" + code + ":2:p", 3, 10)));
    }

    Set<String> retriedSpans = new HashSet<>();
    retried.forEach(c -> retriedSpans.add("fail:" + c + ":2:r-0"));
    awaitDelivery(retriedSpans, Duration.ofSeconds(20));
    Thread.sleep(1_000);
    // Requests failing with a permanent status are dropped by design (counted and logged).
    report("retry table (each status twice, then OK)");
    for (String code : retried) {
      String first = "fail:" + code + ":2:r-0";
      System.out.printf(
          "  %-24s attempts=%d delivered=%b%n",
          code, downstream.attempts(first), downstream.delivered().contains(first));
      assertEquals(3, downstream.attempts(first), code + " is retried until OK");
      assertTrue(downstream.delivered().contains(first), code);
    }
    for (String code : permanent) {
      String first = "fail:" + code + ":2:p-0";
      System.out.printf(
          "  %-24s attempts=%d delivered=%b%n",
          code, downstream.attempts(first), downstream.delivered().contains(first));
      assertEquals(1, downstream.attempts(first), code + " is permanent: one attempt");
      assertFalse(downstream.delivered().contains(first), code);
    }
    assertTrue(argus.log().contains("permanent failure"), "permanent drops are logged");
  }

  @Test
  void kill9MidStream_persistentQueue_everyAcknowledgedSpanIsDeliveredAfterRestart()
      throws Exception {
    downstream = new FaultCollector();
    downstream.setDelayMillis(50);
    String queue =
        "    queue_size: 100000\n    num_consumers: 2\n    storage: \""
            + dir.resolve("queue")
            + "\"\n";
    argus = ArgusProcess.start(dir, "kill9", config(queue, RETRY_FAST));
    sender = new LoadGenerator(argus.port());

    sender.startStream("kill9", 10);
    Thread.sleep(2_500);
    argus.kill9();
    sender.stopStream();
    Thread.sleep(200);
    int deliveredBeforeRestart = downstream.delivered().size();
    Set<String> acknowledged = Set.copyOf(sender.acknowledged());
    assertTrue(
        acknowledged.size() > deliveredBeforeRestart,
        "the kill must leave acknowledged spans undelivered: acked="
            + acknowledged.size()
            + " delivered="
            + deliveredBeforeRestart);

    downstream.setDelayMillis(0);
    argus = ArgusProcess.start(dir, "kill9", config(queue, RETRY_FAST));
    awaitDelivery(acknowledged, Duration.ofSeconds(60));

    report("kill -9 mid-stream, persistent queue, restart");
    System.out.printf("  undelivered at kill=%d%n", acknowledged.size() - deliveredBeforeRestart);
    assertTrue(downstream.delivered().containsAll(acknowledged));
    assertTrue(argus.log().contains("recovered"), "restart reports recovered requests");
  }

  @Test
  void sigterm_memoryQueue_drainsBeforeExit() throws Exception {
    downstream = new FaultCollector();
    downstream.setDelayMillis(20);
    argus =
        ArgusProcess.start(
            dir,
            "sigterm",
            config(
                "    queue_size: 1000\n    num_consumers: 2\n    drain_timeout: 20s\n",
                RETRY_FAST));
    sender = new LoadGenerator(argus.port());
    sender.send("sigterm", 100, 5, 4, false, 10_000);
    int deliveredAtSigterm = downstream.delivered().size();

    Duration exit = argus.terminate(Duration.ofSeconds(30));

    report("SIGTERM with a memory queue, drain_timeout 20 s");
    System.out.printf(
        "  delivered at SIGTERM=%d, exit after %d ms%n", deliveredAtSigterm, exit.toMillis());
    assertEquals(500, sender.acknowledged().size());
    assertTrue(deliveredAtSigterm < 500, "the queue must still hold spans at SIGTERM");
    assertTrue(downstream.delivered().containsAll(sender.acknowledged()));
    assertTrue(argus.log().contains("sending queue of spans drained"), argus.log());
  }

  @Test
  void sigterm_persistentQueue_keepsWhatItCouldNotSendForTheNextStart() throws Exception {
    downstream = new FaultCollector();
    downstream.stop();
    String queue = "    storage: \"" + dir.resolve("queue") + "\"\n    drain_timeout: 1s\n";
    argus = ArgusProcess.start(dir, "sigterm-wal", config(queue, RETRY_FAST));
    sender = new LoadGenerator(argus.port());
    sender.send("sigterm-wal", 20, 5, 2, false, 10_000);

    Duration exit = argus.terminate(Duration.ofSeconds(15));
    downstream.start();
    argus = ArgusProcess.start(dir, "sigterm-wal", config(queue, RETRY_FAST));
    awaitDelivery(sender.acknowledged(), Duration.ofSeconds(30));

    report("SIGTERM with the downstream down, persistent queue, restart");
    System.out.printf("  exit after %d ms%n", exit.toMillis());
    assertEquals(100, sender.acknowledged().size());
    assertTrue(exit.toMillis() < 8_000, "exit after " + exit);
    assertTrue(downstream.delivered().containsAll(sender.acknowledged()));
  }

  @Test
  void diskFull_persistentQueue_refusesRetryablyWithoutCorruption() throws Exception {
    downstream = new FaultCollector();
    downstream.stop();
    String queue =
        "    queue_size: 100000\n    storage: \""
            + dir.resolve("queue")
            + "\"\n    max_storage_size_mib: 2\n    segment_size_mib: 1\n";
    argus = ArgusProcess.start(dir, "disk", config(queue, RETRY_FAST));
    sender = new LoadGenerator(argus.port());

    int request = 0;
    while (sender.errors(Status.Code.UNAVAILABLE) == 0 && request < 200) {
      sender.sendOnce(LoadGenerator.request("disk-" + request++, 10, 10_000));
    }
    int acceptedBeforeFull = sender.acknowledged().size();
    downstream.start();
    awaitDelivery(sender.acknowledged(), Duration.ofSeconds(30));
    // Space is freed once delivered: new data is accepted again.
    boolean acceptedAfter = false;
    for (int i = 0; i < 50 && !acceptedAfter; i++) {
      acceptedAfter = sender.sendOnce(LoadGenerator.request("disk-after-" + i, 10, 10_000));
      Thread.sleep(100);
    }
    awaitDelivery(sender.acknowledged(), Duration.ofSeconds(30));

    report("disk full (2 MiB cap), persistent queue");
    System.out.printf("  spans accepted before full=%d%n", acceptedBeforeFull);
    assertTrue(sender.errors(Status.Code.UNAVAILABLE) > 0, "must refuse once full");
    assertTrue(acceptedBeforeFull >= 100 && acceptedBeforeFull <= 200, "" + acceptedBeforeFull);
    assertTrue(acceptedAfter, "accepts again once space is free");
    assertTrue(downstream.delivered().containsAll(sender.acknowledged()));
    assertFalse(argus.log().contains("corrupt"), "no corruption reported");
  }

  @Test
  void bl39_floodOnAFullQueue_refusesRetryablyAndAcknowledgesOnlyWhatItKept() throws Exception {
    downstream = new FaultCollector();
    downstream.setNeverAnswer(true);
    argus =
        ArgusProcess.start(
            dir, "bl39", config("    queue_size: 100\n    drain_timeout: 1s\n", RETRY_FAST));
    sender = new LoadGenerator(argus.port());

    sender.send("bl39", 500, 1, 20, false, 30_000);

    // The 100 acknowledged requests stay queued: this downstream never answers.
    report("BL-39 flood: 500 requests, 20 clients, queue_size 100, downstream never answers");
    System.out.printf(
        "  answers: OK=%d errors=%s%n", sender.acknowledged().size(), sender.errors());
    assertEquals(100, sender.acknowledged().size());
    assertEquals(400, sender.errors(Status.Code.UNAVAILABLE));
    assertEquals(1, sender.errors().size(), "only UNAVAILABLE: " + sender.errors());
  }

  private String config(String queueYaml, String retryYaml) {
    return "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
        + "exporter:\n"
        + "  otlp:\n"
        + "    endpoint: \""
        + downstream.endpoint()
        + "\"\n"
        + "    tls: {insecure: true}\n"
        + "    timeout: 2s\n"
        + retryYaml
        + "  sending_queue:\n"
        + "    enabled: true\n"
        + queueYaml;
  }

  private void sendQuietly(String prefix, int requests, int spans, int clients, long giveUp) {
    try {
      sender.send(prefix, requests, spans, clients, true, giveUp);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitDelivery(Set<String> spans, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!downstream.delivered().containsAll(spans) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private void report(String scenario) {
    Set<String> missing = new HashSet<>(sender.acknowledged());
    missing.removeAll(downstream.delivered());
    System.out.printf(
        "[fault] %s: sent=%d acknowledged=%d delivered=%d duplicates=%d"
            + " acknowledged_not_delivered=%d%n",
        scenario,
        sender.sentSpans(),
        sender.acknowledged().size(),
        downstream.delivered().size(),
        downstream.duplicates(),
        missing.size());
  }
}
