package dev.argus.server;

import static dev.argus.server.testing.FrontDoorFixture.export;
import static dev.argus.server.testing.FrontDoorFixture.load;
import static dev.argus.server.testing.FrontDoorFixture.request;
import static dev.argus.server.testing.FrontDoorFixture.withIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.testing.FrontDoorFixture;
import dev.argus.server.testing.RecordingCollector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits a running ARGUS puts on what comes in: the receiver's concurrency cap, the attribute
 * count per span and the text length handed to scorers, using real clients.
 */
class RequestLimitsTest {
  private final FrontDoorFixture argus = new FrontDoorFixture();

  @AfterEach
  void tearDown() throws Exception {
    argus.close();
  }

  @Test
  void concurrencyCap_refusesRetryablyBeyondTheLimit() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    CountDownLatch release = new CountDownLatch(1);
    downstream.holdUntil(release);
    argus.start(load(argus.forwarding("      max_concurrent_requests: 2\n", ""), Map.of()));
    ManagedChannel channel = argus.plaintext();
    var stub = TraceServiceGrpc.newFutureStub(channel);
    var first = stub.export(request("one"));
    var second = stub.export(request("two"));
    Thread.sleep(300);

    StatusRuntimeException third =
        assertThrows(StatusRuntimeException.class, () -> export(channel, null));
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    export(channel, null);

    assertEquals(Status.Code.UNAVAILABLE, third.getStatus().getCode());
    assertTrue(third.getStatus().getDescription().contains("max_concurrent_requests=2"));
  }

  @Test
  void attributesPerSpan_onlyTheTooLargeSpanIsRejectedAsAPartialSuccess() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    String limited =
        argus
            .forwarding("")
            .replace(
                "  otlp:\n",
                "  otlp:\n    max_attributes_per_span: 3\n"
                    + "    http: {endpoint: \"127.0.0.1:0\"}\n");
    argus.start(load(limited, Map.of()));

    ExportTraceServiceResponse grpc =
        TraceServiceGrpc.newBlockingStub(argus.plaintext())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .export(wideAndNarrow("grpc-mate"));
    HttpResponse<byte[]> http =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + argus.httpPort() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            wideAndNarrow("http-mate").toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, http.statusCode());
    ExportTraceServiceResponse overHttp = ExportTraceServiceResponse.parseFrom(http.body());
    for (ExportTraceServiceResponse response : List.of(grpc, overHttp)) {
      assertEquals(1, response.getPartialSuccess().getRejectedSpans(), response.toString());
      String message = response.getPartialSuccess().getErrorMessage();
      assertTrue(message.contains("spans[0] has 4 attributes"), message);
      assertTrue(message.contains("max_attributes_per_span=3"), message);
    }
    List<String> delivered = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      for (Span span : downstream.take().getResourceSpans(0).getScopeSpans(0).getSpansList()) {
        delivered.add(span.getName());
      }
    }
    delivered.sort(null);
    assertEquals(List.of("grpc-mate", "http-mate"), delivered);
  }

  @Test
  void scoringTextLimit_scorersSeeTheBeginningAndTheSpanSaysSoWithItsTextIntact() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    BlockingQueue<String> scoredCompletions = new LinkedBlockingQueue<>();
    argus.start(
        load(argus.forwarding("scoring: {max_text_chars: 100}\n"), Map.of()),
        GenAiExtractor.standard(),
        input -> {
          scoredCompletions.add(input.call().completion());
          return Evaluation.notEvaluated("default", "not scored in this test");
        });
    String completion = "x".repeat(1_000);
    KeyValue output =
        stringAttribute(
            "gen_ai.output.messages",
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                + completion
                + "\"}],\"finish_reason\":\"stop\"}]");
    Span chat =
        withIds(Span.newBuilder().setName("chat m"))
            .addAttributes(stringAttribute("gen_ai.operation.name", "chat"))
            .addAttributes(stringAttribute("gen_ai.request.model", "m"))
            .addAttributes(output)
            .build();

    TraceServiceGrpc.newBlockingStub(argus.plaintext())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                    ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(chat)))
                .build());

    assertEquals("x".repeat(100), scoredCompletions.poll(10, TimeUnit.SECONDS));
    Span forwarded = downstream.take().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    Map<String, AnyValue> attributes = new HashMap<>();
    forwarded.getAttributesList().forEach(kv -> attributes.put(kv.getKey(), kv.getValue()));
    assertTrue(attributes.get("argus.scoring.truncated").getBoolValue(), attributes.toString());
    assertEquals(100, attributes.get("argus.scoring.scanned_chars").getIntValue());
    assertEquals(1_000, attributes.get("argus.scoring.total_chars").getIntValue());
    assertEquals(output.getValue(), attributes.get("gen_ai.output.messages"));
  }

  /** A request with a span of 4 attributes followed by a plain span named {@code mate}. */
  private static ExportTraceServiceRequest wideAndNarrow(String mate) {
    Span.Builder wide = withIds(Span.newBuilder().setName("wide"));
    for (int i = 0; i < 4; i++) {
      wide.addAttributes(KeyValue.newBuilder().setKey("k" + i));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(wide)
                        .addSpans(withIds(Span.newBuilder().setName(mate)))))
        .build();
  }

  private static KeyValue stringAttribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
