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
import dev.argus.server.receiver.ReceiverCounters;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OTLP/JSON hex ids are read only where OTLP defines them (span, link, log record): the same member
 * names inside an unknown field are ignored with the field, over real sockets.
 */
class JsonIdFieldsTest {
  private static final String JSON = "application/json";
  private static final HexFormat HEX = HexFormat.of();
  private static final Evaluator NOT_EVALUATED =
      input -> Evaluation.notEvaluated("default", "not under test");
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c8031aa";
  private static final String SPAN_ID = "b7ad6b71692033aa";
  private static final String LINKED_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String LINKED_SPAN_ID = "00f067aa0ba902b7";
  // An unknown member holding every id name OTLP uses, by JSON and proto name, none of them hex;
  // "links" is an id-holding name only directly on a span.
  private static final String VENDOR_EXTENSION =
      ", \"x_vendor_ext\": {\"spanId\": \"n/a\", \"traceId\": \"n/a\", \"parentSpanId\": \"n/a\","
          + " \"span_id\": \"n/a\", \"trace_id\": \"n/a\", \"parent_span_id\": \"n/a\","
          + " \"links\": [{\"traceId\": \"n/a\"}], \"parent\": {\"spanId\": \"none\"}}";

  private RunningArgus argus;

  @BeforeEach
  void start() throws Exception {
    argus = RunningArgus.start("", NOT_EVALUATED);
  }

  @AfterEach
  void stop() throws Exception {
    argus.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "REQUEST",
        "RESOURCE_SPANS",
        "RESOURCE",
        "SCOPE_SPANS",
        "SCOPE",
        "SPAN",
        "LINK",
        "VALUE"
      })
  void unknownFieldWithIdNames_isIgnoredAndTheSpanForwarded(String level) throws Exception {
    String body = traces(level);

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    assertFalse(traceResponse(response).hasPartialSuccess(), text(response));
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(1, spans.size());
    Span span = spans.get(0);
    assertEquals("good", span.getName());
    assertEquals(TRACE_ID, hex(span.getTraceId().toByteArray()));
    assertEquals(SPAN_ID, hex(span.getSpanId().toByteArray()));
    assertEquals(LINKED_TRACE_ID, hex(span.getLinks(0).getTraceId().toByteArray()));
    assertEquals(LINKED_SPAN_ID, hex(span.getLinks(0).getSpanId().toByteArray()));
    assertEquals("chat", Spans.attribute(span, "op").orElseThrow().getStringValue());
    assertEquals(0, argus.server.receiverCounters().rejectedItemCount());
  }

  @Test
  void logsBodyWithBadIdsOnTheTracesPath_isAnEmptyRequest() throws Exception {
    String logs =
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": [{\"traceId\": \"not hex\","
            + " \"spanId\": \"zz\", \"body\": {\"stringValue\": \"hi\"}}]}]}]}";

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(logs));

    // resourceLogs is an unknown field of a trace request: ignored, with the ids inside it.
    assertEquals(200, response.statusCode(), text(response));
    assertEquals("{}", text(response));
    assertNull(argus.downstream.poll(200));
    ReceiverCounters counters = argus.server.receiverCounters();
    assertEquals(1, counters.emptyTraceRequestCount());
    assertEquals(0, counters.invalidRequestCount());
    assertEquals(0, counters.rejectedItemCount());
  }

  @Test
  void tracesBodyWithBadIdsOnTheLogsPath_isAnEmptyRequest() throws Exception {
    String body =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"not hex\","
            + " \"spanId\": \"zz\", \"name\": \"bad\"}]}]}]}";

    HttpResponse<byte[]> response = argus.sender.post("/v1/logs", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    assertEquals("{}", text(response));
    assertNull(argus.downstream.pollLogs(200));
    assertEquals(1, argus.server.receiverCounters().emptyLogRequestCount());
  }

  @Test
  void badIdsInRealIdFields_stillRejectTheirSpanOnly() throws Exception {
    String good = span("good", TRACE_ID, SPAN_ID, LINKED_TRACE_ID, "");
    String badSpanId = span("bad-span-id", TRACE_ID, "n/a", LINKED_TRACE_ID, "");
    String badLinkId = span("bad-link-id", TRACE_ID, SPAN_ID, "zz", "");
    String badParent =
        span("bad-parent", TRACE_ID, SPAN_ID, LINKED_TRACE_ID, ", \"parent_span_id\": \"qq\"");
    String body =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
            + String.join(", ", good, badSpanId, badLinkId, badParent)
            + "]}]}]"
            + VENDOR_EXTENSION
            + "}";

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    ExportTraceServiceResponse answer = traceResponse(response);
    assertEquals(3, answer.getPartialSuccess().getRejectedSpans());
    String message = answer.getPartialSuccess().getErrorMessage();
    assertTrue(message.contains("spans[1]: spanId is not hex (expected: 16 hex digits)"), message);
    assertTrue(
        message.contains("spans[2]: links[0].traceId is not hex (expected: 32 hex digits)"),
        message);
    assertTrue(message.contains("spans[3]: parent_span_id is not hex"), message);
    List<Span> forwarded = Spans.all(argus.downstream.take());
    assertEquals(List.of("good"), forwarded.stream().map(Span::getName).toList());
    assertEquals(3, argus.server.receiverCounters().rejectedItemCount());
  }

  @Test
  void idsOfTheWrongJsonType_rejectTheirSpanNamingTheType() throws Exception {
    String good = span("good", TRACE_ID, SPAN_ID, LINKED_TRACE_ID, "");
    String numberId =
        "{\"name\": \"number-id\", \"traceId\": \"" + TRACE_ID + "\", \"spanId\": 123}";
    String booleanId =
        "{\"name\": \"boolean-id\", \"trace_id\": true, \"spanId\": \"" + SPAN_ID + "\"}";
    String objectLinkId =
        "{\"name\": \"object-link-id\", \"traceId\": \""
            + TRACE_ID
            + "\", \"spanId\": \""
            + SPAN_ID
            + "\", \"links\": [{\"traceId\": \""
            + LINKED_TRACE_ID
            + "\", \"spanId\": {\"hex\": \"00f067aa0ba902b7\"}}]}";
    String body =
        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
            + String.join(", ", numberId, good, booleanId, objectLinkId)
            + "]}]}]}";

    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    ExportTraceServiceResponse answer = traceResponse(response);
    assertEquals(3, answer.getPartialSuccess().getRejectedSpans());
    String message = answer.getPartialSuccess().getErrorMessage();
    assertTrue(
        message.contains("spans[0]: spanId is a number, not a string (expected: 16 hex digits)"),
        message);
    assertTrue(
        message.contains("spans[2]: trace_id is a boolean, not a string (expected: 32 hex digits)"),
        message);
    assertTrue(
        message.contains(
            "spans[3]: links[0].spanId is an object, not a string (expected: 16 hex digits)"),
        message);
    assertFalse(message.contains("bytes"), message);
    List<Span> forwarded = Spans.all(argus.downstream.take());
    assertEquals(List.of("good"), forwarded.stream().map(Span::getName).toList());
  }

  @Test
  void badIdsInRealLogRecordIdFields_stillRejectTheirRecordOnly() throws Exception {
    String body =
        "{\"resourceLogs\": [{\"scopeLogs\": [{\"logRecords\": ["
            + "{\"traceId\": \""
            + TRACE_ID
            + "\", \"spanId\": \""
            + SPAN_ID
            + "\", \"severityText\": \"INFO\""
            + VENDOR_EXTENSION
            + "}, {\"traceId\": \"not hex\", \"severityText\": \"WARN\"}"
            + "]}]}]"
            + VENDOR_EXTENSION
            + "}";

    HttpResponse<byte[]> response = argus.sender.post("/v1/logs", JSON, bytes(body));

    assertEquals(200, response.statusCode(), text(response));
    ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
    OtlpJson.merge(text(response), answer);
    assertEquals(1, answer.getPartialSuccess().getRejectedLogRecords());
    String message = answer.getPartialSuccess().getErrorMessage();
    assertTrue(message.contains("logRecords[1]: traceId is not hex"), message);
    ExportLogsServiceRequest forwarded = argus.downstream.takeLogs();
    List<LogRecord> records = forwarded.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertEquals(1, records.size());
    assertEquals("INFO", records.get(0).getSeverityText());
    assertEquals(SPAN_ID, hex(records.get(0).getSpanId().toByteArray()));
  }

  /**
   * Returns a trace request with one good span and {@link #VENDOR_EXTENSION} added at {@code
   * level}.
   */
  private static String traces(String level) {
    String span =
        "{\"traceId\": \""
            + TRACE_ID
            + "\", \"spanId\": \""
            + SPAN_ID
            + "\", \"name\": \"good\", \"startTimeUnixNano\": \"1\", \"endTimeUnixNano\": \"2\","
            + " \"attributes\": [{\"key\": \"op\", \"value\": {\"stringValue\": \"chat\""
            + at(level, "VALUE")
            + "}}], \"links\": [{\"traceId\": \""
            + LINKED_TRACE_ID
            + "\", \"spanId\": \""
            + LINKED_SPAN_ID
            + "\""
            + at(level, "LINK")
            + "}]"
            + at(level, "SPAN")
            + "}";
    return "{\"resourceSpans\": [{\"resource\": {\"attributes\": []"
        + at(level, "RESOURCE")
        + "}, \"scopeSpans\": [{\"scope\": {\"name\": \"s\""
        + at(level, "SCOPE")
        + "}, \"spans\": ["
        + span
        + "]"
        + at(level, "SCOPE_SPANS")
        + "}]"
        + at(level, "RESOURCE_SPANS")
        + "}]"
        + at(level, "REQUEST")
        + "}";
  }

  private static String at(String level, String here) {
    return level.equals(here) ? VENDOR_EXTENSION : "";
  }

  private static String span(
      String name, String traceId, String spanId, String linkedTraceId, String more) {
    return "{\"name\": \""
        + name
        + "\", \"traceId\": \""
        + traceId
        + "\", \"spanId\": \""
        + spanId
        + "\", \"links\": [{\"traceId\": \""
        + linkedTraceId
        + "\", \"spanId\": \""
        + LINKED_SPAN_ID
        + "\"}]"
        + more
        + "}";
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
