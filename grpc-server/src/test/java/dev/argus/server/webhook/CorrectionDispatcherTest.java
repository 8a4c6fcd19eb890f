package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.core.correction.ScannerPiiMasker;
import dev.argus.core.enrich.ProcessedTraces;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.Severity;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrectionDispatcherTest {

  private static final String SECRET = "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
  private CorrectionDispatcher dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @Test
  void offer_withoutSubscribers_writesLocalFile() throws Exception {
    dispatcher = dispatcher(localOnly());

    String id = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).orElseThrow();
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    List<JsonNode> events = localEvents();
    assertEquals(1, events.size());
    JsonNode event = events.get(0);
    assertEquals("evaluation.failed", event.get("type").asText());
    assertEquals(id, event.get("event_id").asText());
    assertEquals("2026-03-01T10:00:00Z", event.get("created_at").asText());
    JsonNode data = event.get("data");
    assertEquals("b7ad6b7169203331", data.get("span_id").asText());
    assertEquals("support-bot", data.get("service").asText());
    assertEquals("gpt-4o-mini-2024-07-18", data.get("model").asText());
    assertEquals("openai", data.get("provider").asText());
    assertEquals("chatcmpl-1", data.get("response_id").asText());
    assertEquals("conv-7", data.get("conversation_id").asText());
    assertEquals("groundedness", data.get("failed_dimensions").get(0).get("dimension").asText());
    assertEquals(0.3, data.get("scores").get("groundedness").asDouble());
    assertEquals("high", data.get("severity").asText());
    assertFalse(data.has("content"));
    JsonNode messages = data.get("correction_plan").get("rewritten_prompt").get("messages");
    assertTrue(messages.get(1).get("content").asText().startsWith(TestCandidates.QUESTION));
  }

  @Test
  void offer_sameSpanTwice_yieldsOneEventAndSameId() throws Exception {
    dispatcher = dispatcher(localOnly());

    Optional<String> first = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
    Optional<String> again = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
    Optional<String> other = dispatcher.offer(TestCandidates.failed("c7ad6b7169203331"));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    assertEquals(first, again);
    assertFalse(first.equals(other));
    assertEquals(2, localEvents().size());
    assertEquals(1, dispatcher.stats().deduplicated());
  }

  @Test
  void offer_afterDedupeWindow_sendsAgainWithSameId() throws Exception {
    dispatcher = dispatcher(localOnly());

    Optional<String> first = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
    clock.advance(CorrectionConfig.DEFAULT_DEDUPE_WINDOW.plusSeconds(1));
    Optional<String> later = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    assertEquals(first, later);
    assertEquals(2, localEvents().size());
  }

  @Test
  void offer_passedOrNotEvaluated_yieldsNothing() throws Exception {
    dispatcher = dispatcher(localOnly());
    CorrectionCandidate failed = TestCandidates.failed("b7ad6b7169203331");

    Optional<String> passed =
        dispatcher.offer(
            new CorrectionCandidate(
                failed.traceId(),
                failed.spanId(),
                "svc",
                failed.call(),
                TestCandidates.passed(),
                0));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    assertTrue(passed.isEmpty());
    assertFalse(Files.exists(directory.resolve("events.jsonl")));
  }

  @ParameterizedTest(name = "trace id \"{0}\", span id \"{1}\"")
  @CsvSource({
    "abcd, b7ad6b7169203331",
    "0af7651916cd43dd8448eb211c80319c, ab",
    "'', b7ad6b7169203331",
    "0af7651916cd43dd8448eb211c80319c, ''",
    "00000000000000000000000000000000, b7ad6b7169203331",
    "0af7651916cd43dd8448eb211c80319c, 0000000000000000",
    "0AF7651916CD43DD8448EB211C80319C, b7ad6b7169203331",
    "0af7651916cd43dd8448eb211c80319g, b7ad6b7169203331",
  })
  void offer_invalidIds_yieldsNoEventAndIsCounted(String traceId, String spanId) throws Exception {
    dispatcher = dispatcher(localOnly());
    CorrectionCandidate failed = TestCandidates.failed("b7ad6b7169203331");

    Optional<String> id =
        dispatcher.offer(
            new CorrectionCandidate(traceId, spanId, "svc", failed.call(), failed.evaluation(), 0));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    assertTrue(id.isEmpty());
    assertEquals(1, dispatcher.stats().invalidIds());
    assertFalse(Files.exists(directory.resolve("events.jsonl")));
  }

  @Test
  void process_spanWithMalformedIds_getsNoCorrectionIdAndNoEvent() throws Exception {
    dispatcher = dispatcher(localOnly());
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            GenAiExtractor.standard(),
            new GenAiEvaluator(ScoringConfig.defaults()),
            SpanEnricher.withEvaluationEvents(),
            (span, attempt) -> dispatcher.offer(CorrectionCandidate.of(span, attempt)));
    String json =
        new String(
                WebhookSignerTest.resource("fixtures/captured/traceloop/rag_hallucinated.json"),
                StandardCharsets.UTF_8)
            .replaceAll("\"traceId\"\\s*:\\s*\"[0-9a-f]+\"", "\"traceId\":\"abcd\"")
            .replaceAll("\"spanId\"\\s*:\\s*\"[0-9a-f]+\"", "\"spanId\":\"ab\"");

    ProcessedTraces processed = processor.process(OtlpJson.parseTraces(json));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    assertEquals("fail", processed.evaluatedSpans().get(0).evaluation().verdict().label());
    assertEquals("abcd", processed.evaluatedSpans().get(0).traceId());
    for (Span span : Spans.all(processed.enrichedRequest())) {
      assertTrue(Spans.attribute(span, "argus.correction.id").isEmpty(), span.getName());
    }
    assertEquals(1, dispatcher.stats().invalidIds());
    assertFalse(Files.exists(directory.resolve("events.jsonl")));
  }

  @Test
  void offer_attemptAtMaximum_sendsExhaustedWithoutPlan() throws Exception {
    dispatcher = dispatcher(localOnly().toBuilder().setPolicy(new CorrectionPolicy(2)).build());
    CorrectionCandidate failed = TestCandidates.failed("b7ad6b7169203331");

    dispatcher.offer(
        new CorrectionCandidate(
            failed.traceId(), failed.spanId(), "svc", failed.call(), failed.evaluation(), 1));
    dispatcher.offer(
        new CorrectionCandidate(
            failed.traceId(), "d7ad6b7169203331", "svc", failed.call(), failed.evaluation(), 2));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    List<JsonNode> events = localEvents();
    assertEquals("evaluation.failed", events.get(0).get("type").asText());
    assertEquals(1, events.get(0).get("data").get("correction_attempt").asInt());
    assertEquals("correction.exhausted", events.get(1).get("type").asText());
    assertEquals(2, events.get(1).get("data").get("correction_attempt").asInt());
    assertFalse(events.get(1).get("data").has("correction_plan"));
    assertEquals(1, dispatcher.stats().exhausted());
  }

  @Test
  void offer_disabled_yieldsNothing() {
    dispatcher = dispatcher(localOnly().toBuilder().setEnabled(false).build());

    assertTrue(dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).isEmpty());
  }

  @Test
  void route_filtersPerSubscriber_andMasksOptInContent() throws Exception {
    try (SubscriberServer all = new SubscriberServer(clock);
        SubscriberServer safetyOnly = new SubscriberServer(clock);
        SubscriberServer critical = new SubscriberServer(clock);
        SubscriberServer otherService = new SubscriberServer(clock)) {
      CorrectionConfig config =
          localOnly().toBuilder()
              .setSubscribers(
                  List.of(
                      new SubscriberConfig(
                          "all", all.endpoint(), signer(), SubscriberFilter.ALL, true),
                      filtered(
                          "safety",
                          safetyOnly.endpoint(),
                          new SubscriberFilter(
                              Set.of(),
                              Set.of(Dimension.SAFETY),
                              Severity.LOW,
                              Set.of(),
                              Set.of())),
                      filtered(
                          "critical",
                          critical.endpoint(),
                          new SubscriberFilter(
                              Set.of(), Set.of(), Severity.CRITICAL, Set.of(), Set.of())),
                      filtered(
                          "other",
                          otherService.endpoint(),
                          new SubscriberFilter(
                              Set.of(CorrectionEventType.EVALUATION_FAILED),
                              Set.of(),
                              Severity.LOW,
                              Set.of("billing"),
                              Set.of("gpt-4o-mini")))))
              .build();
      dispatcher = dispatcher(config);

      dispatcher.offer(TestCandidates.failed("b7ad6b7169203331"));
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      assertEquals(1, all.received().size());
      assertEquals(0, safetyOnly.received().size());
      assertEquals(0, critical.received().size());
      assertEquals(0, otherService.received().size());
      String body = new String(all.received().get(0).body(), StandardCharsets.UTF_8);
      JsonNode content = JSON.readTree(body).get("data").get("content");
      assertEquals(TestCandidates.QUESTION + " Mail me at [EMAIL]", content.get("prompt").asText());
      assertEquals(
          "Kept for 90 days [doc-1]. Call [PHONE] – Zoë 😀", content.get("completion").asText());
      assertFalse(body.contains("202-555-0147"));
    }
  }

  @Test
  void BL41_delivery_signsExactlyTheUtf8BytesSent() throws Exception {
    String excerpt = "Kundin Zoë Müller (東京) 😀 – ‘quoted’ </script> a/b\u2028Ende";
    CorrectionCandidate failed = TestCandidates.failed("b7ad6b7169203331");
    CorrectionCandidate withText =
        new CorrectionCandidate(
            failed.traceId(),
            failed.spanId(),
            "svc",
            failed.call().toBuilder().setCompletion(excerpt).build(),
            failed.evaluation(),
            0);
    try (SubscriberServer server = new SubscriberServer(clock)) {
      dispatcher =
          dispatcher(
              localOnly().toBuilder()
                  .setSubscribers(
                      List.of(
                          new SubscriberConfig(
                              "app", server.endpoint(), signer(), SubscriberFilter.ALL, true)))
                  .build());

      dispatcher.offer(withText);
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

      SubscriberServer.Received request = server.received().get(0);
      byte[] body = request.body();
      assertEquals(Integer.toString(body.length), request.header("Content-Length"));
      String text = new String(body, StandardCharsets.UTF_8);
      assertTrue(text.contains("\"completion\":\"" + excerpt + "\""), text);
      assertTrue(
          new SpecVerifier(SECRET)
              .verify(
                  request.header("webhook-id"),
                  request.header("webhook-timestamp"),
                  body,
                  request.header("webhook-signature"),
                  clock.instant().getEpochSecond()));
    }
  }

  @Test
  void bodies_matchSchema() throws Exception {
    dispatcher = dispatcher(localOnly().toBuilder().setPolicy(new CorrectionPolicy(1)).build());
    CorrectionCandidate failed = TestCandidates.failed("b7ad6b7169203331");

    dispatcher.offer(failed);
    dispatcher.offer(
        new CorrectionCandidate(
            failed.traceId(), "e7ad6b7169203331", null, failed.call(), failed.evaluation(), 1));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    List<String> lines = Files.readAllLines(directory.resolve("events.jsonl"));
    assertEquals(2, lines.size());
    for (String line : lines) {
      assertEquals(List.of(), EventSchema.validate(line), line);
    }
  }

  private CorrectionDispatcher dispatcher(CorrectionConfig config) {
    return new CorrectionDispatcher(
        config,
        clock,
        new RecordingSleeper(clock),
        new FixedRandom(0.5),
        HttpClient.newHttpClient(),
        ScannerPiiMasker.withDefaults());
  }

  private CorrectionConfig localOnly() {
    return CorrectionConfig.builder()
        .setLocalFile(directory.resolve("events.jsonl"))
        .setDeadLetterFile(directory.resolve("dead.jsonl"))
        .build();
  }

  private List<JsonNode> localEvents() throws Exception {
    List<JsonNode> events = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(directory.resolve("events.jsonl"))) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private static WebhookSigner signer() {
    return WebhookSigner.fromSecret(SECRET);
  }

  private static SubscriberConfig filtered(String name, URI endpoint, SubscriberFilter filter) {
    return new SubscriberConfig(name, endpoint, signer(), filter, false);
  }
}
