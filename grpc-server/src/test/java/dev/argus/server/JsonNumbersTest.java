package dev.argus.server;

import static dev.argus.server.testing.OtlpSender.text;
import static dev.argus.server.testing.OtlpSender.traceResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.testing.LogCapture;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OTLP/JSON numbers that are valid JSON but fit no Java number type, and bodies beyond the JSON
 * reader's limits, sent to a running ARGUS over real sockets: never an internal error.
 */
class JsonNumbersTest {
  private static final String JSON = "application/json";
  private static final Evaluator NOT_EVALUATED =
      input -> Evaluation.notEvaluated("default", "not under test");
  private static final String TRACE_ID = "0102030405060708090a0b0c0d0e0f10";
  private static final String SPAN_ID = "0102030405060708";

  private RunningArgus argus;
  private LogCapture log;

  @BeforeEach
  void start() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
    log = new LogCapture("dev.argus");
  }

  @AfterEach
  void stop() throws Exception {
    log.close();
    argus.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e-99999999999", "-0.0e-99999999999", "1e99999999999", "1e999"})
  void hugeExponentInAnUnknownField_isIgnoredAndTheSpanForwarded(String number) throws Exception {
    String body = traces(span("kept", ", \"x_vendor\": {\"a\": " + number + "}"));

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    assertFalse(traceResponse(response).hasPartialSuccess(), text(response));
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(List.of("kept"), spans.stream().map(Span::getName).toList());
    assertQuietLog(number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e-99999999999", "-0.0e-99999999999", "1e99999999999", "1e999"})
  void hugeExponentInADoubleValue_rejectsOnlyItsSpan(String number) throws Exception {
    String bad = span("bad", ", " + doubleAttribute(number));
    String body = traces(span("good", ", " + doubleAttribute("0.5")) + ", " + bad);

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    ExportTraceServiceResponse answer = traceResponse(response);
    assertEquals(1, answer.getPartialSuccess().getRejectedSpans(), text(response));
    assertTrue(answer.getPartialSuccess().getErrorMessage().contains("spans[1]"), text(response));
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(List.of("good"), spans.stream().map(Span::getName).toList());
    assertEquals(0.5, Spans.attribute(spans.get(0), "ratio").orElseThrow().getDoubleValue());
    assertEquals(1, argus.server.receiverCounters().rejectedItemCount());
    assertQuietLog(number);
  }

  @Test
  void hugeExponentInALogRecord_rejectsOnlyThatRecord() throws Exception {
    String body =
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": ["
            + "{\"severityText\": \"KEPT\", \"x_vendor\": [-0.0e-99999999999]},"
            + " {\"severityText\": \"BAD\", \"body\": {\"doubleValue\": 1e-99999999999}}"
            + "]}]}]}";

    HttpResponse<byte[]> response = argus.sender.post("/v1/logs", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
    OtlpJson.merge(text(response), answer);
    assertEquals(1, answer.getPartialSuccess().getRejectedLogRecords(), text(response));
    ExportLogsServiceRequest forwarded = argus.downstream.takeLogs();
    assertEquals(1, forwarded.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount());
    assertEquals(
        "KEPT", forwarded.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getSeverityText());
    assertQuietLog("99999999999");
  }

  @Test
  void numbersKeepEveryDigitOnTheWayToProtobuf() throws Exception {
    String attributes =
        "\"attributes\": [{\"key\": \"big\", \"value\": {\"intValue\": 9007199254740993}},"
            + " {\"key\": \"exp\", \"value\": {\"intValue\": 1.2e3}},"
            + " {\"key\": \"ratio\", \"value\": {\"doubleValue\": 1e-320}}]";
    String body = traces(span("kept", ", " + attributes));

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    Span span = Spans.all(argus.downstream.take()).get(0);
    assertEquals(9007199254740993L, Spans.attribute(span, "big").orElseThrow().getIntValue());
    assertEquals(1200L, Spans.attribute(span, "exp").orElseThrow().getIntValue());
    assertEquals(1e-320, Spans.attribute(span, "ratio").orElseThrow().getDoubleValue());
  }

  @Test
  void nestingBeyondTheLimit_isA400InPlainWords() throws Exception {
    String deep = "[".repeat(1001) + "]".repeat(1001);
    String body = traces(span("n", ", \"x_vendor\": " + deep));

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(400, response.statusCode(), text(response));
    assertTrue(text(response).contains("nests deeper than 1000 levels"), text(response));
    assertFalse(text(response).contains("StreamReadConstraints"), text(response));
    assertNull(argus.downstream.poll(200));
  }

  @Test
  void numberLongerThanTheLimit_isA400InPlainWords() throws Exception {
    String body = traces(span("n", ", \"x_vendor\": 1" + "0".repeat(1000)));

    HttpResponse<byte[]> response = argus.sender.post("/v1/logs", JSON, bytes(body));

    assertEquals(400, response.statusCode(), text(response));
    assertTrue(text(response).contains("holds a number longer than 1000 digits"), text(response));
    assertFalse(text(response).contains("StreamReadConstraints"), text(response));
  }

  /** Nothing logged with a stack trace, and no log line quoting {@code number}. */
  private void assertQuietLog(String number) {
    for (LogRecord record : log.records()) {
      assertNull(record.getThrown(), record.getMessage());
      assertFalse(record.getMessage().contains(number), record.getMessage());
    }
  }

  private static String doubleAttribute(String number) {
    return "\"attributes\": [{\"key\": \"ratio\", \"value\": {\"doubleValue\": " + number + "}}]";
  }

  private static String span(String name, String more) {
    return "{\"traceId\": \""
        + TRACE_ID
        + "\", \"spanId\": \""
        + SPAN_ID
        + "\", \"name\": \""
        + name
        + "\""
        + more
        + "}";
  }

  private static String traces(String spans) {
    return "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + spans + "]}]}]}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
