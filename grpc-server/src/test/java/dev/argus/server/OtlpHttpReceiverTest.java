package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.receiver.ReceiverCounters;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RunningArgus;
import io.grpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status codes, encodings and limits of the OTLP/HTTP receiver, over real sockets. */
class OtlpHttpReceiverTest {
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";
  private static final HexFormat HEX = HexFormat.of();
  private static final Evaluator NOT_EVALUATED =
      input -> Evaluation.notEvaluated("default", "not under test");

  private RunningArgus argus;

  @AfterEach
  void stop() throws Exception {
    if (argus != null) {
      argus.close();
    }
  }

  @Test
  void protobufRequest_isAnsweredInProtobufAndForwarded() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
    ExportTraceServiceRequest request = request("GET /orders");

    HttpResponse<byte[]> response =
        argus.sender.post("/v1/traces", PROTOBUF + "; charset=binary", request.toByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(PROTOBUF, response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        ExportTraceServiceResponse.getDefaultInstance(),
        ExportTraceServiceResponse.parseFrom(response.body()));
    assertEquals(request, argus.downstream.take());
  }

  @Test
  void wrongPathMethodOrMediaType_getsTheirStatusCodes() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
    byte[] body = request("GET /").toByteArray();

    HttpResponse<byte[]> path = argus.sender.post("/v1/metrics", PROTOBUF, body);
    HttpResponse<byte[]> method = argus.sender.send("GET", "/v1/traces");
    HttpResponse<byte[]> media = argus.sender.post("/v1/traces", "text/plain", body);

    assertEquals(404, path.statusCode());
    assertEquals(405, method.statusCode());
    assertEquals("POST", method.headers().firstValue("Allow").orElseThrow());
    assertEquals(415, media.statusCode());
    assertTrue(status(media).getMessage().contains("text/plain"), status(media).getMessage());
    assertNull(argus.downstream.poll(200));
  }

  @Test
  void unreadableBody_is400WithAStatusNamingTheProblem() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);

    HttpResponse<byte[]> json = argus.sender.post("/v1/traces", JSON, bytes("{\"resourceSpans\":"));
    HttpResponse<byte[]> protobuf =
        argus.sender.post("/v1/traces", PROTOBUF, new byte[] {0x0a, 0x7f, 0x01});

    assertEquals(400, json.statusCode());
    assertEquals(Status.Code.INVALID_ARGUMENT.value(), status(json).getCode());
    assertTrue(status(json).getMessage().startsWith("body is not valid JSON"));
    assertEquals(400, protobuf.statusCode());
    assertTrue(com.google.rpc.Status.parseFrom(protobuf.body()).getMessage().contains("protobuf"));
    assertEquals(2, argus.server.receiverCounters().invalidRequestCount());
  }

  @Test
  void bodyAboveTheLimit_is413BeforeItIsRead() throws Exception {
    argus = RunningArgus.start(", max_request_body_size_mib: 1", "", NOT_EVALUATED);

    // Only the headers are sent: the answer must come from the declared length alone. (A client
    // still writing the body when the server answers and closes may see a broken pipe instead.)
    String statusLine;
    try (Socket socket = new Socket("127.0.0.1", argus.server.httpPort())) {
      socket.setSoTimeout(10_000);
      String headers =
          "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
              + PROTOBUF
              + "\r\nContent-Length: "
              + (1024 * 1024 + 1)
              + "\r\n\r\n";
      socket.getOutputStream().write(headers.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
    }

    assertTrue(statusLine.startsWith("HTTP/1.1 413 "), statusLine);
    assertNull(argus.downstream.poll(200));
  }

  @Test
  void retryableDownstreamFailure_is503WithRetryAfter() throws Exception {
    argus = RunningArgus.start(", retry_after: 3s", "", NOT_EVALUATED);
    argus.downstream.failWith(Status.UNAVAILABLE.withDescription("restarting"));

    HttpResponse<byte[]> response =
        argus.sender.post("/v1/traces", JSON, bytes(OtlpJson.print(request("GET /"))));

    assertEquals(503, response.statusCode());
    assertEquals("3", response.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("downstream answered UNAVAILABLE: restarting", status(response).getMessage());
  }

  @Test
  void dataTheDownstreamRejects_is400() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
    argus.downstream.failWith(Status.INVALID_ARGUMENT.withDescription("bad span"));

    HttpResponse<byte[]> response =
        argus.sender.post("/v1/traces", PROTOBUF, request("GET /").toByteArray());

    assertEquals(400, response.statusCode());
  }

  @Test
  void tooManyRequestsInFlight_is429WithRetryAfter() throws Exception {
    argus = RunningArgus.start(", max_concurrent_requests: 1", "", NOT_EVALUATED);
    CountDownLatch release = new CountDownLatch(1);
    argus.downstream.holdUntil(release);
    CompletableFuture<HttpResponse<byte[]>> first =
        argus.sender.postAsync("/v1/traces", PROTOBUF, request("GET /a").toByteArray());
    waitUntilForwarding();

    HttpResponse<byte[]> second =
        argus.sender.post("/v1/traces", PROTOBUF, request("GET /b").toByteArray());
    release.countDown();

    assertEquals(429, second.statusCode());
    assertEquals("1", second.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void logs_areForwardedAndMalformedRecordsCostOnlyThemselves() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
    LogRecord good = LogRecord.newBuilder().setSeverityText("INFO").build();
    LogRecord badId = LogRecord.newBuilder().setTraceId(ByteString.copyFrom(new byte[5])).build();
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(good).addLogRecords(badId)))
            .build();

    HttpResponse<byte[]> http = argus.sender.post("/v1/logs", PROTOBUF, request.toByteArray());
    ExportLogsServiceResponse grpc = argus.sender.logs().export(request);

    ExportLogsServiceResponse answer = ExportLogsServiceResponse.parseFrom(http.body());
    assertEquals(1, answer.getPartialSuccess().getRejectedLogRecords());
    assertTrue(
        answer.getPartialSuccess().getErrorMessage().contains("logRecords[1]: traceId is 5 bytes"),
        answer.getPartialSuccess().getErrorMessage());
    assertEquals(answer, grpc);
    for (int i = 0; i < 2; i++) {
      ExportLogsServiceRequest forwarded = argus.downstream.takeLogs();
      assertEquals(List.of(good), forwarded.getResourceLogs(0).getScopeLogs(0).getLogRecordsList());
    }
  }

  @Test
  void anotherSignalsJsonBody_isAnEmptyRequest_answered200AndCounted() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
    byte[] traces = bytes(OtlpJson.print(request("GET /orders")));
    byte[] logs = bytes(OtlpJson.print(logRequest()));

    HttpResponse<byte[]> tracesToLogs = argus.sender.post("/v1/logs", JSON, traces);
    HttpResponse<byte[]> logsToTraces = argus.sender.post("/v1/traces", JSON, logs);

    // Unknown fields are ignored, as OTLP asks: each is read as a request without items.
    assertEquals(200, tracesToLogs.statusCode());
    assertEquals("{}", new String(tracesToLogs.body(), StandardCharsets.UTF_8));
    assertEquals(200, logsToTraces.statusCode());
    assertEquals("{}", new String(logsToTraces.body(), StandardCharsets.UTF_8));
    assertNull(argus.downstream.pollLogs(200));
    assertNull(argus.downstream.poll(200));
    ReceiverCounters counters = argus.server.receiverCounters();
    assertEquals(1, counters.emptyLogRequestCount());
    assertEquals(1, counters.emptyTraceRequestCount());
    assertEquals(0, counters.acceptedSpanCount() + counters.acceptedLogRecordCount());
  }

  @Test
  void anotherSignalsProtobufBody_hasItsItemsRejectedAsMalformed() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);

    HttpResponse<byte[]> tracesToLogs =
        argus.sender.post("/v1/logs", PROTOBUF, request("GET /orders").toByteArray());
    HttpResponse<byte[]> logsToTraces =
        argus.sender.post("/v1/traces", PROTOBUF, logRequest().toByteArray());

    // Same field numbers, other wire types: the items do not parse as the path's signal.
    assertEquals(200, tracesToLogs.statusCode());
    assertEquals(
        1,
        ExportLogsServiceResponse.parseFrom(tracesToLogs.body())
            .getPartialSuccess()
            .getRejectedLogRecords());
    assertEquals(200, logsToTraces.statusCode());
    assertEquals(
        1,
        ExportTraceServiceResponse.parseFrom(logsToTraces.body())
            .getPartialSuccess()
            .getRejectedSpans());
    ReceiverCounters counters = argus.server.receiverCounters();
    assertEquals(2, counters.rejectedItemCount());
    assertEquals(0, counters.emptyLogRequestCount() + counters.emptyTraceRequestCount());
  }

  @Test
  void requestsWithoutItems_areCountedOnBothTransports() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);

    argus.sender.post("/v1/traces", PROTOBUF, new byte[0]);
    argus.sender.post("/v1/logs", JSON, bytes("{\"resourceLogs\": []}"));
    argus.sender.traces().export(ExportTraceServiceRequest.getDefaultInstance());
    argus.sender.logs().export(ExportLogsServiceRequest.getDefaultInstance());
    argus.sender.post("/v1/traces", PROTOBUF, request("GET /orders").toByteArray());
    argus.sender.logs().export(logRequest());

    ReceiverCounters counters = argus.server.receiverCounters();
    assertEquals(2, counters.emptyTraceRequestCount());
    assertEquals(2, counters.emptyLogRequestCount());
  }

  @Test
  void withoutDownstream_tracesAndLogsGoToTheFileAsLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("argus-out.jsonl");
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"},"
            + " http: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter: {file: {path: \""
            + file
            + "\"}}\n";
    ArgusConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
    ExportLogsServiceRequest logs =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(LogRecord.newBuilder().setSeverityText("WARN"))))
            .build();
    try (ArgusServer server =
            ArgusServer.start(
                config, GenAiExtractor.standard(), NOT_EVALUATED, EvaluatedSpanListener.NONE);
        OtlpSender sender = new OtlpSender(server.port(), server.httpPort())) {
      assertEquals(
          200, sender.post("/v1/traces", PROTOBUF, request("GET /").toByteArray()).statusCode());
      assertEquals(200, sender.post("/v1/logs", JSON, bytes(OtlpJson.print(logs))).statusCode());
    }

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertEquals(request("GET /"), OtlpJson.parseTraces(lines.get(0)));
    assertTrue(lines.get(1).startsWith("{\"resourceLogs\""), lines.get(1));
  }

  private void waitUntilForwarding() throws InterruptedException {
    // The held downstream has received the call once the pipeline counted the request.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (argus.server.pipeline().requestCount() == 0) {
      assertTrue(System.nanoTime() < deadline, "the first request never reached the pipeline");
      Thread.sleep(5);
    }
  }

  private static com.google.rpc.Status status(HttpResponse<byte[]> response) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder();
    OtlpJson.merge(new String(response.body(), StandardCharsets.UTF_8), status);
    return status.build();
  }

  private static ExportTraceServiceRequest request(String name) {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HEX.parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
            .setSpanId(ByteString.copyFrom(HEX.parseHex("00f067aa0ba902b7")))
            .setName(name)
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static ExportLogsServiceRequest logRequest() {
    LogRecord record =
        LogRecord.newBuilder()
            .setTraceId(ByteString.copyFrom(HEX.parseHex("4bf92f3577b34da6a3ce929d0e0e4736")))
            .setSpanId(ByteString.copyFrom(HEX.parseHex("00f067aa0ba902b7")))
            .setSeverityText("INFO")
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
        .build();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
