package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.config.ArgusConfig;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.Spans;
import dev.argus.server.testing.TestConfigs;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java SDK exports gen-AI spans over OTLP/gRPC to a running ARGUS, and the same
 * spans directly to a reference receiver. What ARGUS forwards must equal the reference byte for
 * byte once the ARGUS additions are removed, and the additions must be there.
 */
class SdkEndToEndTest {
  private static final String SYSTEM =
      "You are the support assistant for Acme Cloud. Answer only from the context.\\n\\n"
          + "Context:\\n[doc-1] Daily snapshots are retained for 35 days.\\n"
          + "[doc-2] Cross-region restore is available only on the Business plan.";
  private static final String INPUT =
      "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\""
          + SYSTEM
          + "\"}]},{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
          + "\"How long are daily snapshots kept?\"}]}]";
  private static final String OUTPUT =
      "[{\"role\":\"assistant\",\"finish_reason\":\"stop\",\"parts\":[{\"type\":\"text\","
          + "\"content\":\"Daily snapshots are retained for 35 days [doc-1].\"}]}]";

  private RecordingCollector downstream;
  private RecordingCollector reference;
  private ArgusServer argus;
  private SdkTracerProvider tracerProvider;

  @BeforeEach
  void setUp() throws Exception {
    downstream = new RecordingCollector();
    reference = new RecordingCollector();
    ArgusConfig config = TestConfigs.forwardingTo(downstream.endpoint(), "");
    argus = ArgusServer.start(config);
    tracerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault().merge(Resource.create(attributes("service.name", "support"))))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter("127.0.0.1:" + argus.port())))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter(reference.endpoint())))
            .build();
  }

  @AfterEach
  void tearDown() throws Exception {
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    argus.close();
    downstream.close();
    reference.close();
  }

  @Test
  void sdkSpans_comeOutScoredAndOtherwiseByteIdentical() throws Exception {
    Tracer tracer = tracerProvider.get("support-app", "1.2.3");
    io.opentelemetry.api.trace.Span request =
        tracer.spanBuilder("POST /ask").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = request.makeCurrent()) {
      io.opentelemetry.api.trace.Span chat =
          tracer
              .spanBuilder("chat gpt-4o-mini")
              .setSpanKind(SpanKind.CLIENT)
              .setAllAttributes(chatAttributes())
              .setAttribute("gen_ai.input.messages", INPUT)
              .setAttribute("gen_ai.output.messages", OUTPUT)
              .addLink(request.getSpanContext())
              .startSpan();
      chat.addEvent("retry", attributes("attempt", "1"));
      chat.setStatus(StatusCode.OK);
      chat.end();
      io.opentelemetry.api.trace.Span metadataOnly =
          tracer
              .spanBuilder("chat gpt-4o-mini")
              .setSpanKind(SpanKind.CLIENT)
              .setAllAttributes(chatAttributes())
              .startSpan();
      metadataOnly.end();
    }
    request.end();
    CompletableResultCode flushed = tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    assertTrue(flushed.isSuccess(), "the SDK export to ARGUS and to the reference succeeded");

    Map<String, ExportTraceServiceRequest> forwarded = bySpanId(downstream, 3);
    Map<String, ExportTraceServiceRequest> sent = bySpanId(reference, 3);

    assertEquals(sent.keySet(), forwarded.keySet());
    int scored = 0;
    int notEvaluated = 0;
    for (String spanId : sent.keySet()) {
      ExportTraceServiceRequest original = sent.get(spanId);
      ExportTraceServiceRequest enriched = forwarded.get(spanId);
      assertArrayEquals(
          original.toByteArray(),
          Spans.withoutEnrichment(enriched).toByteArray(),
          "span " + spanId + " differs in more than the ARGUS additions");
      Span span = Spans.all(enriched).get(0);
      String verdict =
          Spans.attribute(span, "argus.verdict").map(AnyValue::getStringValue).orElse(null);
      if (span.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
        assertArrayEquals(original.toByteArray(), enriched.toByteArray(), "non gen-AI span");
      } else if (Spans.attribute(span, "gen_ai.output.messages").isPresent()) {
        assertScored(span, verdict);
        scored++;
      } else {
        assertEquals("not_evaluated", verdict);
        assertTrue(
            span.getAttributesList().stream().noneMatch(a -> a.getKey().startsWith("argus.score.")),
            "no score is made up without content");
        notEvaluated++;
      }
    }
    assertEquals(1, scored);
    assertEquals(1, notEvaluated);
  }

  private static void assertScored(Span span, String verdict) {
    assertTrue("pass".equals(verdict) || "fail".equals(verdict), "verdict " + verdict);
    double composite =
        Spans.attribute(span, "argus.score.composite").orElseThrow().getDoubleValue();
    assertTrue(composite >= 0 && composite <= 1, "composite " + composite);
    double groundedness =
        Spans.attribute(span, "argus.score.groundedness").orElseThrow().getDoubleValue();
    assertTrue(groundedness >= 0 && groundedness <= 1, "groundedness " + groundedness);
    assertFalse(
        Spans.strings(span, "argus.failed_dimensions").contains("groundedness"),
        "the answer is taken word for word from the context");
    assertTrue(Spans.attribute(span, "argus.failed_dimensions").isPresent());
    long events =
        span.getEventsList().stream()
            .filter(e -> e.getName().equals("gen_ai.evaluation.result"))
            .count();
    assertNotEquals(0, events);
  }

  private Map<String, ExportTraceServiceRequest> bySpanId(RecordingCollector collector, int spans)
      throws InterruptedException {
    Map<String, ExportTraceServiceRequest> requests = new HashMap<>();
    int received = 0;
    while (received < spans) {
      ExportTraceServiceRequest request = collector.take();
      List<Span> all = Spans.all(request);
      assertEquals(1, all.size(), "SimpleSpanProcessor exports one span per request");
      requests.put(HexFormat.of().formatHex(all.get(0).getSpanId().toByteArray()), request);
      received += all.size();
    }
    return requests;
  }

  private static Attributes chatAttributes() {
    return Attributes.builder()
        .put("gen_ai.operation.name", "chat")
        .put("gen_ai.provider.name", "openai")
        .put("gen_ai.request.model", "gpt-4o-mini")
        .put("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
        .put("gen_ai.response.id", "chatcmpl-1")
        .put(AttributeKey.longKey("gen_ai.usage.input_tokens"), 64L)
        .put(AttributeKey.longKey("gen_ai.usage.output_tokens"), 12L)
        .put(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"))
        .build();
  }

  private static Attributes attributes(String key, String value) {
    return Attributes.of(AttributeKey.stringKey(key), value);
  }

  private static OtlpGrpcSpanExporter exporter(String hostPort) {
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint("http://" + hostPort)
        .setCompression("gzip")
        .setTimeout(10, TimeUnit.SECONDS)
        .build();
  }
}
