package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.correction.ScannerPiiMasker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery against real HTTP servers on 127.0.0.1, with a fake clock and sleeper. */
class WebhookDeliveryTest {

  private static final String SECRET = "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=";
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  // nextDouble() == 0.5 puts the jitter exactly in the middle, so delays equal the base.
  private static final RandomGenerator MIDDLE = new FixedRandom(0.5);

  @TempDir Path directory;

  private final FakeClock clock = new FakeClock(START);
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private CorrectionDispatcher dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void delivery_success_oneSignedAttempt() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(clock, SubscriberServer.Reply.status(200))) {
      dispatcher = dispatcher(config(server.endpoint()));

      String id = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).orElseThrow();
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      assertEquals(1, server.received().size());
      SubscriberServer.Received request = server.received().get(0);
      assertEquals(id, request.header("webhook-id"));
      assertEquals(Long.toString(START.getEpochSecond()), request.header("webhook-timestamp"));
      assertEquals("application/json", request.header("Content-Type"));
      assertEquals(Integer.toString(request.body().length), request.header("Content-Length"));
      assertTrue(
          new SpecVerifier(SECRET)
              .verify(
                  id,
                  request.header("webhook-timestamp"),
                  request.body(),
                  request.header("webhook-signature"),
                  START.getEpochSecond()));
      assertEquals(List.of(), sleeper.sleeps());
      assertEquals(1, dispatcher.stats().delivered());
    }
  }

  @Test
  void delivery_500ThenSuccess_retriesOnceWithSameIdAndBody() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(
            clock, SubscriberServer.Reply.status(500), SubscriberServer.Reply.status(204))) {
      dispatcher = dispatcher(config(server.endpoint()));

      dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      List<SubscriberServer.Received> received = server.received();
      assertEquals(2, received.size());
      assertEquals(received.get(0).header("webhook-id"), received.get(1).header("webhook-id"));
      assertArrayEquals(received.get(0).body(), received.get(1).body());
      assertEquals(List.of(Duration.ofSeconds(1)), sleeper.sleeps());
      assertEquals(
          Duration.ofSeconds(1), Duration.between(received.get(0).at(), received.get(1).at()));
      // The second attempt is signed afresh for its own timestamp.
      assertTrue(
          new SpecVerifier(SECRET)
              .verify(
                  received.get(1).header("webhook-id"),
                  received.get(1).header("webhook-timestamp"),
                  received.get(1).body(),
                  received.get(1).header("webhook-signature"),
                  START.getEpochSecond() + 1));
    }
  }

  @Test
  void delivery_429WithRetryAfter_waitsAsAsked() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(
            clock,
            new SubscriberServer.Reply(429, Map.of("Retry-After", "7"), 0),
            SubscriberServer.Reply.status(200))) {
      dispatcher = dispatcher(config(server.endpoint()));

      dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      assertEquals(2, server.received().size());
      assertEquals(List.of(Duration.ofSeconds(7)), sleeper.sleeps());
      assertEquals(
          Duration.ofSeconds(7),
          Duration.between(server.received().get(0).at(), server.received().get(1).at()));
    }
  }

  @Test
  void delivery_timeout_isRetried() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(
            clock,
            new SubscriberServer.Reply(200, Map.of(), 2_000),
            SubscriberServer.Reply.status(200))) {
      CorrectionConfig config =
          config(server.endpoint()).toBuilder().setTimeout(Duration.ofMillis(300)).build();
      dispatcher = dispatcher(config);

      dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      assertEquals(2, server.received().size());
      assertArrayEquals(server.received().get(0).body(), server.received().get(1).body());
      assertEquals(List.of(Duration.ofSeconds(1)), sleeper.sleeps());
      assertEquals(1, dispatcher.stats().delivered());
    }
  }

  @Test
  void delivery_410_isNotRetriedAndIsDeadLettered() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(clock, SubscriberServer.Reply.status(410))) {
      CorrectionConfig config = config(server.endpoint());
      dispatcher = dispatcher(config);

      String id = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).orElseThrow();
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      assertEquals(1, server.received().size());
      assertEquals(List.of(), sleeper.sleeps());
      List<DeadLetter> letters = deadLetters(config);
      assertEquals(1, letters.size());
      DeadLetter letter = letters.get(0);
      assertEquals("app", letter.subscriber());
      assertEquals(id, letter.webhookId());
      assertEquals("evaluation.failed", letter.eventType());
      assertEquals("rejected", letter.reason());
      assertEquals(410, letter.lastStatus());
      assertEquals(1, letter.attempts());
      assertArrayEquals(
          server.received().get(0).body(), letter.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void delivery_connectionRefused_backsOffUntilMaxAgeThenDeadLettersAndReplays() throws Exception {
    URI closed = closedEndpoint();
    RetryConfig retry =
        new RetryConfig(
            Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.5, Duration.ofSeconds(10));
    CorrectionConfig config = config(closed).toBuilder().setRetry(retry).build();
    dispatcher = dispatcher(config);

    String id = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).orElseThrow();
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    // Attempts at 0s, 1s, 3s and 7s; the next (at 15s) would pass the 10s maximum age.
    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
        sleeper.sleeps());
    assertEquals(4, dispatcher.stats().attempts());
    DeadLetter letter = deadLetters(config).get(0);
    assertEquals("max_elapsed_time", letter.reason());
    assertEquals(4, letter.attempts());
    assertEquals(0, letter.lastStatus());
    assertTrue(letter.lastError().startsWith("ConnectException"), letter.lastError());

    try (SubscriberServer server =
        new SubscriberServer(clock, SubscriberServer.Reply.status(200))) {
      CorrectionConfig back = withEndpoint(config, server.endpoint());
      DeadLetterReplayer replayer = new DeadLetterReplayer(back, HttpClient.newHttpClient(), clock);

      DeadLetterReplayer.Result result = replayer.replay();

      assertEquals(new DeadLetterReplayer.Result(1, 0, 0), result);
      assertEquals(id, server.received().get(0).header("webhook-id"));
      assertArrayEquals(
          letter.body().getBytes(StandardCharsets.UTF_8), server.received().get(0).body());
      assertEquals(List.of(), deadLetters(config));
      assertEquals(new DeadLetterReplayer.Result(0, 0, 0), replayer.replay());
    }
  }

  @Test
  void replay_failingAgain_keepsEntryWithMoreAttempts() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(clock, SubscriberServer.Reply.status(410))) {
      CorrectionConfig config = config(server.endpoint());
      dispatcher = dispatcher(config);
      dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      DeadLetterReplayer.Result result =
          new DeadLetterReplayer(config, HttpClient.newHttpClient(), clock).replay();

      assertEquals(new DeadLetterReplayer.Result(0, 1, 0), result);
      List<DeadLetter> letters = deadLetters(config);
      assertEquals(1, letters.size());
      assertEquals(2, letters.get(0).attempts());
      assertEquals(2, server.received().size());
    }
  }

  @Test
  void breaker_opensAfterThreshold_andPausesSubscriber() throws Exception {
    try (SubscriberServer server =
        new SubscriberServer(
            clock,
            SubscriberServer.Reply.status(503),
            SubscriberServer.Reply.status(503),
            SubscriberServer.Reply.status(200))) {
      CorrectionConfig config =
          config(server.endpoint()).toBuilder()
              .setBreaker(new BreakerConfig(2, Duration.ofSeconds(30)))
              .build();
      dispatcher = dispatcher(config);

      dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      // Backoff 1s, then backoff 2s, then the rest of the 30s pause opened at the 2nd failure.
      assertEquals(
          List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(28)),
          sleeper.sleeps());
      assertEquals(1, dispatcher.stats().breakerOpened());
      assertEquals(1, dispatcher.stats().delivered());
    }
  }

  @Test
  void failingSubscriber_doesNotDelayHealthyOne() throws Exception {
    try (SubscriberServer healthy =
        new SubscriberServer(clock, SubscriberServer.Reply.status(200))) {
      CorrectionConfig config =
          CorrectionConfig.builder()
              .setSubscribers(
                  List.of(
                      subscriber("dead", closedEndpoint()),
                      subscriber("healthy", healthy.endpoint())))
              .setRetry(
                  new RetryConfig(
                      Duration.ofMinutes(1), Duration.ofMinutes(5), 2.0, 0.5, Duration.ofHours(24)))
              .setDeadLetterFile(directory.resolve("dead.jsonl"))
              .build();
      // Real sleeping: the dead subscriber's thread really waits a minute between attempts.
      dispatcher =
          new CorrectionDispatcher(
              config,
              clock,
              Sleeper.SYSTEM,
              MIDDLE,
              HttpClient.newHttpClient(),
              ScannerPiiMasker.withDefaults());

      for (int i = 0; i < 3; i++) {
        dispatcher.offer(TestCandidates.failed("b7ad6b716920333" + i));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (healthy.received().size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      assertEquals(3, healthy.received().size());
      dispatcher.close();
      dispatcher = null;
      // Nothing is lost at shutdown: the dead subscriber's three events wait in the file.
      List<DeadLetter> letters = deadLetters(config);
      assertEquals(3, letters.size());
      assertTrue(letters.stream().allMatch(letter -> letter.subscriber().equals("dead")));
      assertTrue(letters.stream().allMatch(letter -> letter.reason().equals("shutdown")));
    }
  }

  @Test
  void offer_neverBlocks_andFullQueuesAreCountedAndDeadLettered() throws Exception {
    try (SubscriberServer slow =
        new SubscriberServer(clock, new SubscriberServer.Reply(200, Map.of(), 1_000))) {
      CorrectionConfig config = config(slow.endpoint()).toBuilder().setQueueSize(1).build();
      dispatcher =
          new CorrectionDispatcher(
              config,
              clock,
              sleeper,
              MIDDLE,
              HttpClient.newHttpClient(),
              ScannerPiiMasker.withDefaults());

      long started = System.nanoTime();
      int accepted = 0;
      for (int i = 0; i < 6; i++) {
        accepted +=
            dispatcher.offer(TestCandidates.failed("b7ad6b716920333" + i)).isPresent() ? 1 : 0;
        Thread.sleep(20);
      }
      Duration offering = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(20)));

      assertTrue(offering.compareTo(Duration.ofMillis(900)) < 0, "offer blocked: " + offering);
      WebhookStats stats = dispatcher.stats();
      assertTrue(stats.dropped() >= 1, "nothing dropped");
      long queueFull =
          deadLetters(config).stream()
              .filter(letter -> letter.reason().equals("queue_full"))
              .count();
      // Every offer is accounted for: refused at once, delivered, or kept in the dead letters.
      assertEquals(6, (6 - accepted) + stats.delivered() + queueFull);
      assertEquals(stats.dropped(), (6 - accepted) + queueFull);
    }
  }

  private CorrectionDispatcher dispatcher(CorrectionConfig config) {
    return new CorrectionDispatcher(
        config,
        clock,
        sleeper,
        MIDDLE,
        HttpClient.newHttpClient(),
        ScannerPiiMasker.withDefaults());
  }

  private CorrectionConfig config(URI endpoint) {
    return CorrectionConfig.builder()
        .setSubscribers(List.of(subscriber("app", endpoint)))
        .setRetry(RetryConfig.DEFAULT)
        .setDeadLetterFile(directory.resolve("dead.jsonl"))
        .setLocalFile(directory.resolve("events.jsonl"))
        .build();
  }

  private static CorrectionConfig withEndpoint(CorrectionConfig config, URI endpoint) {
    return config.toBuilder().setSubscribers(List.of(subscriber("app", endpoint))).build();
  }

  static SubscriberConfig subscriber(String name, URI endpoint) {
    return new SubscriberConfig(
        name, endpoint, WebhookSigner.fromSecret(SECRET), SubscriberFilter.ALL, false);
  }

  private static List<DeadLetter> deadLetters(CorrectionConfig config) throws IOException {
    DeadLetterFile file =
        new DeadLetterFile(config.deadLetterFile(), CorrectionDispatcher.newMapper());
    return Files.exists(file.path()) ? file.read(file.path()) : List.of();
  }

  // A port that was just bound and released: connecting to it is refused.
  private static URI closedEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
    }
  }
}
