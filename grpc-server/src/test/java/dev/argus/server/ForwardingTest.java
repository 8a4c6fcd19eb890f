package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.testing.LogCapture;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.Stop;
import dev.argus.server.testing.TestConfigs;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Delivery guarantees of a running ARGUS between a real sender and a real downstream. */
class ForwardingTest {
  // Any valid id: an all-zero trace id is invalid and would be rejected by the receiver.
  private static final byte[] TRACE_ID =
      HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736");
  private static final Evaluator UNUSED =
      input -> {
        throw new AssertionError("no gen-AI span in these requests");
      };

  private RecordingCollector downstream;
  private ArgusServer argus;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws Exception {
    Stop.all(channel, argus, downstream);
  }

  @Test
  void export_isAcknowledgedOnlyAfterTheDownstreamAccepted() throws Exception {
    downstream = new RecordingCollector();
    CountDownLatch release = new CountDownLatch(1);
    downstream.holdUntil(release);
    start(TestConfigs.forwardingTo(downstream.endpoint(), ""));
    ExportTraceServiceRequest request = request("GET /orders");

    var pending = TraceServiceGrpc.newFutureStub(channel()).export(request);
    Thread.sleep(300);
    assertFalse(pending.isDone(), "acknowledged before the downstream answered");
    release.countDown();

    assertEquals(
        ExportTraceServiceResponse.getDefaultInstance(), pending.get(10, TimeUnit.SECONDS));
    assertEquals(request, downstream.take());
  }

  @Test
  void export_downstreamUnreachableIsRetryableUpstream() throws Exception {
    RecordingCollector gone = new RecordingCollector();
    String endpoint = gone.endpoint();
    gone.close();
    start(TestConfigs.forwardingTo(endpoint, ""));

    try (LogCapture warnings = new LogCapture(TracePipeline.class)) {
      StatusRuntimeException first =
          assertThrows(StatusRuntimeException.class, () -> blockingStub().export(request("GET /")));
      assertThrows(StatusRuntimeException.class, () -> blockingStub().export(request("GET /")));

      assertEquals(Status.Code.UNAVAILABLE, first.getStatus().getCode());
      assertEquals(2, argus.pipeline().failedExportCount());
      assertEquals(1, warnings.messages().size(), "repeated failures are throttled");
      assertTrue(
          warnings.messages().get(0).contains("failed; the sender was asked to retry"),
          warnings.messages().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {
        "UNAVAILABLE",
        "RESOURCE_EXHAUSTED",
        "DEADLINE_EXCEEDED",
        "UNAUTHENTICATED",
        "INTERNAL"
      })
  void export_transientDownstreamFailureIsUnavailableUpstream(Status.Code code) throws Exception {
    downstream = new RecordingCollector();
    downstream.failWith(Status.fromCode(code).withDescription("try later"));
    start(TestConfigs.forwardingTo(downstream.endpoint(), ""));

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> blockingStub().export(request("GET /")));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertEquals("downstream answered " + code + ": try later", e.getStatus().getDescription());
  }

  @Test
  void export_rejectedDataIsInvalidArgumentUpstream() throws Exception {
    downstream = new RecordingCollector();
    downstream.failWith(Status.INVALID_ARGUMENT.withDescription("bad span"));
    start(TestConfigs.forwardingTo(downstream.endpoint(), ""));

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> blockingStub().export(request("GET /")));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
  }

  @Test
  void export_slowDownstreamTimesOutAsRetryable() throws Exception {
    downstream = new RecordingCollector();
    downstream.holdUntil(new CountDownLatch(1));
    start(TestConfigs.forwardingTo(downstream.endpoint(), "    timeout: 200ms\n"));

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> blockingStub().export(request("GET /")));

    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
  }

  @Test
  void export_sendsConfiguredHeadersAndAcceptsGzipFromTheSender() throws Exception {
    downstream = new RecordingCollector();
    start(
        TestConfigs.forwardingTo(
            downstream.endpoint(), "    headers: {authorization: \"Bearer t0ken\"}\n"));
    ExportTraceServiceRequest request = request("GET /");

    blockingStub().withCompression("gzip").export(request);

    assertEquals(request, downstream.take());
    Metadata headers = downstream.headers().get(0);
    assertEquals(
        "Bearer t0ken",
        headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
  }

  @Test
  void export_requestAboveTheSizeLimitIsRejectedAndNothingIsForwarded() throws Exception {
    downstream = new RecordingCollector();
    start(TestConfigs.forwardingTo(downstream.endpoint(), ""));
    AnyValue blob =
        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[1024 * 1024 + 1])).build();
    Span big =
        Span.newBuilder()
            .setName("big")
            .addAttributes(KeyValue.newBuilder().setKey("blob").setValue(blob))
            .build();
    ExportTraceServiceRequest huge =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(big)))
            .build();

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> blockingStub().export(huge));

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertNull(downstream.poll(200));
  }

  @Test
  void export_withoutDownstreamWritesOneOtlpJsonLinePerRequest(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/argus-out.jsonl");
    start(TestConfigs.writingTo(file));
    ExportTraceServiceRequest first = request("GET /a");
    ExportTraceServiceRequest second = request("GET /b");

    blockingStub().export(first);
    blockingStub().export(second);

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertEquals(first, OtlpJson.parseTraces(lines.get(0)));
    assertEquals(second, OtlpJson.parseTraces(lines.get(1)));
  }

  @Test
  void listener_hearsOfEvaluatedSpansOnlyOnceTheDownstreamAccepted() throws Exception {
    downstream = new RecordingCollector();
    downstream.failWith(Status.UNAVAILABLE);
    List<EvaluatedSpan> heard = new CopyOnWriteArrayList<>();
    argus =
        ArgusServer.start(
            TestConfigs.forwardingTo(downstream.endpoint(), ""),
            GenAiExtractor.standard(),
            input -> Evaluation.notEvaluated("default", "fixed for this test"),
            heard::addAll);
    ExportTraceServiceRequest chat;
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/captured/traceloop/rag_grounded.pb")) {
      chat = ExportTraceServiceRequest.parseFrom(in);
    }

    assertThrows(StatusRuntimeException.class, () -> blockingStub().export(chat));
    assertEquals(List.of(), heard);
    downstream.failWith(null);
    blockingStub().export(chat);

    assertEquals(1, heard.size());
    Span span = chat.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals(HexFormat.of().formatHex(span.getSpanId().toByteArray()), heard.get(0).spanId());
    assertEquals("genai-capture-traceloop", heard.get(0).serviceName());
  }

  private void start(ArgusConfig config) {
    argus =
        ArgusServer.start(
            config, new GenAiExtractor(List.of()), UNUSED, EvaluatedSpanListener.NONE);
  }

  private ManagedChannel channel() {
    if (channel == null) {
      channel = NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).usePlaintext().build();
    }
    return channel;
  }

  private TraceServiceGrpc.TraceServiceBlockingStub blockingStub() {
    return TraceServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ExportTraceServiceRequest request(String spanName) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(ByteString.copyFrom(TRACE_ID))
                                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                .setName(spanName)
                                .setKind(Span.SpanKind.SPAN_KIND_SERVER))))
        .build();
  }
}
