package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.testing.LogCapture;
import dev.argus.server.testing.RecordingCollector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Requests refused because the memory queue is full are neither counted as accepted spans nor as
 * failed exports, but as queue-full refusals, and are logged on one throttled line.
 */
class QueueFullCountersTest {
  private static final int SPANS_PER_REQUEST = 3;

  @Test
  void queueFullRefusalsAreCountedApartFromAcceptedSpansAndFailedExports() throws Exception {
    LogCapture log = new LogCapture("dev.argus");
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingCollector downstream = new RecordingCollector()) {
      downstream.holdUntil(release);
      ArgusServer argus =
          ArgusServer.start(
              new ConfigLoader(Map.<String, String>of()::get)
                  .parse(
                      "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
                          + "exporter:\n"
                          + "  otlp: {endpoint: \""
                          + downstream.endpoint()
                          + "\","
                          + " tls: {insecure: true}, timeout: 30s}\n"
                          + "  sending_queue: {enabled: true, queue_size: 1, num_consumers: 1}\n",
                      "test"),
              new GenAiExtractor(List.of()),
              input -> Evaluation.notEvaluated("default", "not scored in this test"),
              EvaluatedSpanListener.NONE);
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).usePlaintext().build();
      try {
        var stub = TraceServiceGrpc.newBlockingStub(channel);
        int acknowledged = 0;
        int refused = 0;
        // The consumer holds one request at the blocked downstream and the queue holds one more;
        // a few more requests must find the queue full.
        for (int i = 0; i < 6; i++) {
          try {
            stub.withDeadlineAfter(10, TimeUnit.SECONDS).export(request());
            acknowledged++;
          } catch (StatusRuntimeException e) {
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
            refused++;
          }
          Thread.sleep(100);
        }

        assertTrue(refused >= 3, "refused=" + refused);
        assertEquals(
            (long) acknowledged * SPANS_PER_REQUEST, argus.receiverCounters().acceptedSpanCount());
        assertEquals(refused, argus.pipeline().refusedQueueFullCount());
        assertEquals(0, argus.pipeline().failedExportCount());
        // The expected condition is logged once, throttled, on one line without a stack trace.
        List<LogRecord> warnings = log.records();
        assertEquals(1, warnings.size(), messages(warnings));
        assertEquals(null, warnings.get(0).getThrown(), messages(warnings));
        assertTrue(warnings.get(0).getMessage().contains("queue"), messages(warnings));
      } finally {
        log.close();
        release.countDown();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        argus.close();
      }
    }
  }

  private static String messages(List<LogRecord> records) {
    StringBuilder text = new StringBuilder();
    for (LogRecord record : records) {
      text.append(record.getMessage()).append(" thrown=").append(record.getThrown()).append('\n');
    }
    return text.toString();
  }

  private static ExportTraceServiceRequest request() {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      byte[] traceId = new byte[16];
      byte[] spanId = new byte[8];
      ThreadLocalRandom.current().nextBytes(traceId);
      ThreadLocalRandom.current().nextBytes(spanId);
      traceId[0] |= 1;
      spanId[0] |= 1;
      scope.addSpans(
          Span.newBuilder()
              .setName("work")
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(spanId)));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }
}
