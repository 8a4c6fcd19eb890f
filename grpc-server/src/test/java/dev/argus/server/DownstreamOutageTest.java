package dev.argus.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluator;
import dev.argus.server.log.ThrottledWarning;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.testing.LogCapture;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Stop;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a sender and the operator see while the downstream is down or silent, in the default
 * synchronous mode: a short, stable error for the sender, one line in the log without a stack trace
 * for the operator.
 */
class DownstreamOutageTest {
  private static final Evaluator UNUSED =
      input -> {
        throw new AssertionError("no gen-AI span in these requests");
      };
  private static final String PROTOBUF = "application/x-protobuf";

  private RunningArgus argus;
  private String closedEndpoint;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    Stop.all(null, argus);
  }

  @Test
  void refusedConnection_grpcSenderIsToldSoInStableWords() throws Exception {
    argus = withClosedDownstream("");

    for (int i = 0; i < 3; i++) {
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> argus.sender.traces().export(request()));

      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
      assertEquals("downstream unavailable: connection refused", e.getStatus().getDescription());
    }
  }

  @Test
  void refusedConnection_httpSenderGets503WithStableMessageAndRetryAfter() throws Exception {
    argus = withClosedDownstream(", retry_after: 3s");

    HttpResponse<byte[]> response =
        argus.sender.post("/v1/traces", PROTOBUF, request().toByteArray());

    assertEquals(503, response.statusCode());
    assertEquals("3", response.headers().firstValue("Retry-After").orElseThrow());
    com.google.rpc.Status body = com.google.rpc.Status.parseFrom(response.body());
    assertEquals(Status.Code.UNAVAILABLE.value(), body.getCode());
    assertEquals("downstream unavailable: connection refused", body.getMessage());
  }

  @Test
  void refusedConnection_isOneWarningLineWithEndpointCodeAndCauseButNoStackTrace()
      throws Exception {
    argus = withClosedDownstream("");

    try (LogCapture warnings = new LogCapture("dev.argus")) {
      assertThrows(StatusRuntimeException.class, () -> argus.sender.traces().export(request()));
      assertThrows(StatusRuntimeException.class, () -> argus.sender.traces().export(request()));

      List<LogRecord> records = warnings.records();
      assertEquals(1, records.size(), warnings.messages().toString());
      LogRecord line = records.get(0);
      assertEquals(TracePipeline.class.getName(), line.getLoggerName());
      assertNull(line.getThrown(), "a downstream outage is no bug: no stack trace");
      String message = line.getMessage();
      assertFalse(message.contains("\n"), message);
      assertTrue(message.contains("otlp " + closedEndpoint + " failed"), message);
      assertTrue(message.contains("code=UNAVAILABLE"), message);
      assertTrue(message.contains("error=\"downstream unavailable: connection refused\""), message);
      assertTrue(message.contains("Connection refused"), message);
      assertTrue(message.endsWith("occurrences=1"), message);
    }
  }

  @Test
  void silentDownstream_senderIsToldTheTimeoutAndTheLogKeepsTheDetail() throws Exception {
    argus = RunningArgus.start("", UNUSED);
    argus.downstream.holdUntil(release);

    try (LogCapture warnings = new LogCapture(TracePipeline.class)) {
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> argus.sender.traces().export(request()));

      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
      assertEquals("downstream did not answer within 5s", e.getStatus().getDescription());
      assertEquals(1, warnings.records().size(), warnings.messages().toString());
      LogRecord line = warnings.records().get(0);
      assertNull(line.getThrown());
      assertTrue(line.getMessage().contains("code=DEADLINE_EXCEEDED"), line.getMessage());
      assertTrue(line.getMessage().contains("detail=\""), line.getMessage());
    }
  }

  @Test
  void silentDownstream_timeoutsAreCountedOnOneLineThoughEachHasItsOwnDetail() throws Exception {
    argus = RunningArgus.start("", UNUSED);
    argus.downstream.holdUntil(release);

    try (LogCapture warnings = new LogCapture(TracePipeline.class)) {
      // grpc-java words each passed deadline with its own nanoseconds.
      List<CompletableFuture<Void>> exports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        exports.add(
            CompletableFuture.runAsync(
                () ->
                    assertThrows(
                        StatusRuntimeException.class,
                        () -> argus.sender.traces().export(request()))));
      }
      CompletableFuture.allOf(exports.toArray(CompletableFuture[]::new)).get(30, SECONDS);
      ThrottledWarning.flushAll();

      List<String> lines = warnings.messages();
      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(0).endsWith("occurrences=1"), lines.get(0));
      assertTrue(lines.get(1).contains("code=DEADLINE_EXCEEDED"), lines.get(1));
      assertTrue(lines.get(1).contains("detail=\""), lines.get(1));
      assertTrue(lines.get(1).endsWith("occurrences=2"), lines.get(1));
    }
  }

  @Test
  void downstreamBack_heldBackFailuresAreWrittenThenALineSaysTheOutageIsOver() throws Exception {
    argus = RunningArgus.start("", UNUSED);
    argus.downstream.failWith(Status.UNAVAILABLE.withDescription("restarting"));

    try (LogCapture log = new LogCapture(TracePipeline.class.getName(), Level.INFO)) {
      for (int i = 0; i < 3; i++) {
        assertThrows(StatusRuntimeException.class, () -> argus.sender.traces().export(request()));
      }
      argus.downstream.failWith(null);
      argus.sender.traces().export(request());

      List<String> lines = log.messages();
      assertEquals(3, lines.size(), lines.toString());
      assertTrue(lines.get(0).endsWith("occurrences=1"), lines.get(0));
      assertTrue(lines.get(1).endsWith("occurrences=2"), lines.get(1));
      assertEquals(
          "export to otlp "
              + argus.downstream.endpoint()
              + " succeeds again after 3 failed requests",
          lines.get(2));
    }
  }

  /** Starts ARGUS whose downstream port is closed before the first export. */
  private RunningArgus withClosedDownstream(String httpSettings) throws Exception {
    RunningArgus started = RunningArgus.start(httpSettings, "", UNUSED);
    closedEndpoint = started.downstream.endpoint();
    started.downstream.close();
    return started;
  }

  private static ExportTraceServiceRequest request() {
    Span span =
        Span.newBuilder()
            .setTraceId(
                ByteString.copyFrom(HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("00f067aa0ba902b7")))
            .setName("GET /")
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }
}
