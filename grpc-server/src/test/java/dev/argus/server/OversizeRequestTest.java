package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.testing.RecordingCollector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request too big for a receiver is final for its sender: retrying the same bytes can never
 * succeed, whether the limit is ARGUS's own (after gzip inflation) or a downstream's.
 */
class OversizeRequestTest {
  private static final Evaluator UNUSED =
      input -> {
        throw new AssertionError("no gen-AI span in these requests");
      };

  private final List<AutoCloseable> started = new ArrayList<>();
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  @Test
  void gzipRequestTooBigOnceInflated_isResourceExhaustedForTheSender() throws Exception {
    RecordingCollector downstream = started(new RecordingCollector());
    ArgusServer argus = start(1, downstream.endpoint());
    // 2 MiB of zeros deflate to a few KiB: only the inflated size is over the 1 MiB limit.
    ExportTraceServiceRequest request = request(2 * 1024 * 1024);

    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub(argus).withCompression("gzip").export(request));

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getMessage());
    assertNull(downstream.poll(200));
  }

  @Test
  void downstreamRefusingTheSizeIsFinalNotRetryable() throws Exception {
    RecordingCollector collector = started(new RecordingCollector());
    // The downstream is another ARGUS with a smaller limit than the first one.
    ArgusServer small = start(1, collector.endpoint());
    ArgusServer large = start(4, "127.0.0.1:" + small.port());
    ExportTraceServiceRequest request = request(2 * 1024 * 1024);

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> stub(large).export(request));

    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getMessage());
    assertTrue(
        e.getStatus().getDescription().startsWith("downstream answered RESOURCE_EXHAUSTED"),
        e.getStatus().getDescription());
    assertNull(collector.poll(200));
  }

  private ArgusServer start(int maxMib, String downstream) {
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: '127.0.0.1:0', max_recv_msg_size_mib: "
            + maxMib
            + "}}}\n"
            + "exporter: {otlp: {endpoint: '"
            + downstream
            + "', tls: {insecure: true}, timeout: 5s}}\n";
    ArgusServer server =
        ArgusServer.start(
            new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test"),
            new GenAiExtractor(List.of()),
            UNUSED,
            EvaluatedSpanListener.NONE);
    return started(server);
  }

  private <T extends AutoCloseable> T started(T resource) {
    started.add(resource);
    return resource;
  }

  private TraceServiceGrpc.TraceServiceBlockingStub stub(ArgusServer argus) {
    if (channel != null) {
      channel.shutdownNow();
    }
    channel = NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).usePlaintext().build();
    return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static ExportTraceServiceRequest request(int blobBytes) {
    AnyValue blob =
        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[blobBytes])).build();
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.fromHex("4bf92f3577b34da6a3ce929d0e0e4736"))
            .setSpanId(ByteString.fromHex("0102030405060708"))
            .setName("big")
            .addAttributes(KeyValue.newBuilder().setKey("blob").setValue(blob))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }
}
