package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.export.DeliveryStats;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.testing.EdgeCases;
import dev.argus.server.testing.LogCapture;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.Spans;
import dev.argus.server.testing.Stop;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running ARGUS with a sending queue, between a real sender and a real downstream. */
class QueuedForwardingTest {
  private RecordingCollector downstream;
  private ArgusServer argus;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws Exception {
    Stop.all(channel, argus, downstream);
  }

  @Test
  void memoryQueue_downstreamDownThenBack_everyAcknowledgedSpanArrives() throws Exception {
    downstream = new RecordingCollector();
    downstream.failWith(Status.UNAVAILABLE.withDescription("restarting"));
    start(queueYaml("", 100));

    try (LogCapture warnings = new LogCapture("dev.argus.server.export")) {
      for (int i = 0; i < 20; i++) {
        stub().export(request(i, 1, 10));
      }
      assertEquals(0, drainDownstream(300).size(), "nothing gets through while it is down");
      // The sender was told OK: the log is where an operator learns that the downstream fails.
      List<String> lines = warnings.messages();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(
          lines.get(0).contains("to otlp " + downstream.endpoint() + " failed"), lines.get(0));
      assertTrue(lines.get(0).contains("code=UNAVAILABLE"), lines.get(0));
      assertTrue(lines.get(0).endsWith("occurrences=1"), lines.get(0));
    }
    Set<String> delivered;
    try (LogCapture info = new LogCapture("dev.argus.server.export", Level.INFO)) {
      downstream.failWith(null);

      delivered = spanNames(drainDownstream(3_000));
      // The failures held back in the minute are written, then a line says the outage is over.
      String recovered = "export of spans to otlp .* succeeds again after \\d+ failed attempts";
      assertTrue(
          info.messages().stream().anyMatch(line -> line.matches(recovered)),
          info.messages().toString());
    }
    assertEquals(20, delivered.size());
    DeliveryStats stats = argus.deliveryStats();
    assertEquals(20, stats.acceptedRequests());
    assertTrue(stats.retries() > 0, "retries: " + stats.retries());
    System.out.printf(
        "memory queue: sent=20 acknowledged=%d delivered=%d retries=%d%n",
        stats.acceptedRequests(), delivered.size(), stats.retries());
  }

  @Test
  void bl39_fullQueueUnderAFlood_refusesRetryablyAndNeverAcknowledgesWhatItDidNotKeep()
      throws Exception {
    downstream = new RecordingCollector();
    CountDownLatch never = new CountDownLatch(1);
    downstream.holdUntil(never);
    start(queueYaml("", 100));
    ExportTraceServiceRequest template = EdgeCases.request("BL-39.request.json");
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger unavailableWithRetryInfo = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();

    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 500; i++) {
        ExportTraceServiceRequest request = withTraceNumber(template, i);
        sent.add(
            clients.submit(
                () -> {
                  try {
                    stub().export(request);
                    ok.incrementAndGet();
                  } catch (StatusRuntimeException e) {
                    boolean hasRetryInfo =
                        StatusProto.fromThrowable(e) != null
                            && StatusProto.fromThrowable(e).getDetailsList().stream()
                                .anyMatch(d -> d.is(RetryInfo.class));
                    if (e.getStatus().getCode() == Status.Code.UNAVAILABLE && hasRetryInfo) {
                      unavailableWithRetryInfo.incrementAndGet();
                    } else {
                      other.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
      never.countDown();
    }

    DeliveryStats stats = argus.deliveryStats();
    System.out.printf(
        "BL-39: sent=500 acknowledged=%d refused=%d other=%d refused_counter=%d%n",
        ok.get(), unavailableWithRetryInfo.get(), other.get(), stats.refusedRequests());
    assertEquals(0, other.get());
    assertEquals(100, ok.get(), "the queue holds exactly queue_size requests");
    assertEquals(400, unavailableWithRetryInfo.get());
    assertEquals(unavailableWithRetryInfo.get(), stats.refusedRequests());
    assertEquals(ok.get(), stats.acceptedRequests());
  }

  @Test
  void persistentQueue_undeliveredRequestsSurviveARestart(@TempDir Path dir) throws Exception {
    downstream = new RecordingCollector();
    downstream.failWith(Status.UNAVAILABLE.withDescription("down"));
    String storage = "    storage: \"" + dir.resolve("queue") + "\"\n    drain_timeout: 200ms\n";
    start(queueYaml(storage, 100));
    for (int i = 0; i < 30; i++) {
      stub().export(request(i, 1, 10));
    }
    argus.close();
    argus = null;
    channel.shutdownNow();
    channel = null;
    downstream.failWith(null);

    start(queueYaml(storage, 100));

    Set<String> delivered = spanNames(drainDownstream(3_000));
    assertEquals(30, delivered.size());
    assertEquals(30, argus.deliveryStats().recoveredRequests());
    System.out.printf(
        "persistent restart: sent=30 acknowledged=30 recovered=%d delivered=%d%n",
        argus.deliveryStats().recoveredRequests(), delivered.size());
  }

  @Test
  void persistentQueue_storageCapRefusesRetryably(@TempDir Path dir) throws Exception {
    downstream = new RecordingCollector();
    downstream.failWith(Status.UNAVAILABLE.withDescription("down"));
    start(
        queueYaml(
            "    storage: \"" + dir + "\"\n    max_storage_size_mib: 2\n    segment_size_mib: 1\n",
            10_000));
    int acknowledged = 0;
    StatusRuntimeException refused = null;
    for (int i = 0; i < 40 && refused == null; i++) {
      try {
        stub().export(request(i, 1, 100_000));
        acknowledged++;
      } catch (StatusRuntimeException e) {
        refused = e;
      }
    }

    assertTrue(refused != null, "never refused after " + acknowledged + " requests of 100 kB");
    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
    assertTrue(acknowledged >= 18 && acknowledged <= 20, "acknowledged " + acknowledged);
    downstream.failWith(null);
    assertEquals(acknowledged, spanNames(drainDownstream(3_000)).size());
  }

  @Test
  void requestAboveTheDownstreamLimitIsSentInParts() throws Exception {
    downstream = new RecordingCollector();
    start(queueYaml("", 100) + "  max_send_msg_size_mib: 1\n");

    stub().export(request(0, 30, 100_000));

    List<ExportTraceServiceRequest> received = drainDownstream(2_000);
    assertTrue(received.size() >= 3, "parts: " + received.size());
    received.forEach(r -> assertTrue(r.getSerializedSize() <= 1 << 20));
    assertEquals(30, spanNames(received).size());
  }

  private String queueYaml(String extraQueue, int queueSize) {
    return "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\", max_recv_msg_size_mib: 8}}}\n"
        + "exporter:\n"
        + "  otlp:\n"
        + "    endpoint: \""
        + downstream.endpoint()
        + "\"\n"
        + "    tls: {insecure: true}\n"
        + "    compression: none\n"
        + "    timeout: 1s\n"
        + "  retry_on_failure: {initial_interval: 20ms, max_interval: 100ms, max_elapsed_time: 0}\n"
        + "  sending_queue:\n"
        + "    enabled: true\n"
        + "    queue_size: "
        + queueSize
        + "\n"
        + extraQueue;
  }

  private void start(String yaml) {
    ArgusConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
    argus =
        ArgusServer.start(
            config,
            new GenAiExtractor(List.of()),
            input -> Evaluation.notEvaluated("default", "not scored in this test"),
            EvaluatedSpanListener.NONE);
  }

  private TraceServiceGrpc.TraceServiceBlockingStub stub() {
    if (channel == null) {
      channel = NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).usePlaintext().build();
    }
    return TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private List<ExportTraceServiceRequest> drainDownstream(long quietMillis) throws Exception {
    List<ExportTraceServiceRequest> received = new java.util.ArrayList<>();
    ExportTraceServiceRequest next;
    while ((next = downstream.poll(quietMillis)) != null) {
      received.add(next);
    }
    return received;
  }

  private static Set<String> spanNames(List<ExportTraceServiceRequest> requests) {
    Set<String> names = new HashSet<>();
    requests.forEach(r -> Spans.all(r).forEach(s -> names.add(s.getName())));
    return names;
  }

  private static ExportTraceServiceRequest request(int number, int spans, int attributeBytes) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setName("request-" + number + "-span-" + i)
              // Valid ids are never all zeros.
              .setTraceId(
                  ByteString.copyFrom(ByteBuffer.allocate(16).putInt(number).putInt(1).array()))
              .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putInt(i).putInt(1).array()))
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("payload")
                      .setValue(AnyValue.newBuilder().setStringValue("x".repeat(attributeBytes)))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }

  /** Replaces the first 4 bytes of every trace id with {@code number}, as BL-39 asks. */
  private static ExportTraceServiceRequest withTraceNumber(
      ExportTraceServiceRequest template, int number) {
    ExportTraceServiceRequest.Builder builder = template.toBuilder();
    for (ResourceSpans.Builder resource : builder.getResourceSpansBuilderList()) {
      for (ScopeSpans.Builder scope : resource.getScopeSpansBuilderList()) {
        for (Span.Builder span : scope.getSpansBuilderList()) {
          byte[] id = span.getTraceId().toByteArray();
          ByteBuffer.wrap(id).putInt(number);
          span.setTraceId(ByteString.copyFrom(id));
        }
      }
    }
    return builder.build();
  }
}
