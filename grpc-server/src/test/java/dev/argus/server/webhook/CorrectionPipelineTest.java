package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.Spans;
import dev.argus.server.testing.Stop;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running ARGUS between a real OTLP sender, a real downstream collector and a real webhook
 * subscriber: the failed span is forwarded with {@code argus.correction.id}, and the subscriber
 * receives one signed event with that id, even when the sender re-sends the batch.
 */
class CorrectionPipelineTest {

  private static final String SECRET = "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=";
  private static final String QUESTION =
      "How long are daily snapshots kept, and can I restore one into a different region on the"
          + " Starter plan?";
  private static final Evaluator GROUNDEDNESS_FAILS =
      input -> TestCandidates.failedOn(Dimension.GROUNDEDNESS, 0.2);

  @TempDir Path directory;

  private RecordingCollector downstream;
  private SubscriberServer subscriber;
  private ArgusServer argus;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws Exception {
    Stop.all(channel, argus, subscriber, downstream);
  }

  @Test
  void failedSpan_isLinkedAndDeliveredOnce_evenWhenBatchIsResent() throws Exception {
    downstream = new RecordingCollector();
    subscriber = new SubscriberServer(Clock.systemUTC());
    argus =
        ArgusServer.start(
            config(), GenAiExtractor.standard(), GROUNDEDNESS_FAILS, EvaluatedSpanListener.NONE);
    ExportTraceServiceRequest request =
        OtlpJson.parseTraces(
            new String(
                WebhookSignerTest.resource("fixtures/captured/traceloop/rag_hallucinated.json"),
                StandardCharsets.UTF_8));

    var stub = TraceServiceGrpc.newBlockingStub(channel());
    stub.export(request);
    stub.export(request);
    Span first = Spans.all(downstream.take()).get(0);
    Span again = Spans.all(downstream.take()).get(0);
    assertTrue(argus.corrections().awaitIdle(Duration.ofSeconds(10)));

    String id =
        Spans.attribute(first, ArgusAttributes.ARGUS_CORRECTION_ID).orElseThrow().getStringValue();
    assertEquals(
        id,
        Spans.attribute(again, ArgusAttributes.ARGUS_CORRECTION_ID).orElseThrow().getStringValue());
    assertEquals(1, subscriber.received().size());
    SubscriberServer.Received delivery = subscriber.received().get(0);
    assertEquals(id, delivery.header("webhook-id"));
    assertTrue(
        new SpecVerifier(SECRET)
            .verify(
                id,
                delivery.header("webhook-timestamp"),
                delivery.body(),
                delivery.header("webhook-signature"),
                Instant.now().getEpochSecond()));
    JsonNode event = new ObjectMapper().readTree(delivery.body());
    assertEquals("groundedness", event.at("/data/failed_dimensions/0/dimension").asText());
    JsonNode messages = event.at("/data/correction_plan/rewritten_prompt/messages");
    assertEquals(QUESTION, messages.get(messages.size() - 1).get("content").asText());
    assertEquals(1, argus.corrections().stats().deduplicated());
  }

  private ArgusConfig config() {
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter: {otlp: {endpoint: \""
            + downstream.endpoint()
            + "\","
            + " tls: {insecure: true}}}\n"
            + "correction:\n"
            + "  local_file: \""
            + directory.resolve("events.jsonl")
            + "\"\n"
            + "  webhooks:\n"
            + "    dead_letter_file: \""
            + directory.resolve("dead.jsonl")
            + "\"\n"
            + "    subscribers:\n"
            + "      - name: app\n"
            + "        endpoint: \""
            + subscriber.endpoint()
            + "\"\n"
            + "        secret: ${env:APP_SECRET}\n";
    return new ConfigLoader(Map.of("APP_SECRET", SECRET)::get).parse(yaml, "test");
  }

  private ManagedChannel channel() {
    channel = NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).usePlaintext().build();
    return channel;
  }
}
