package dev.argus.server.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpJsonTest {
  private static final String SPAN_TEMPLATE =
      "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{"
          + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\","
          + "\"name\":\"chat\",%s}]}]}]}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "agent_tool_retry",
        "json_valid",
        "pii_leak",
        "rag_grounded",
        "rag_hallucinated",
        "refusal",
        "responses_api",
        "stream_grounded",
        "tool_call",
        "truncated_json"
      })
  void parseTraces_readsCapturedJsonAsTheSameRequestAsItsProtobuf(String scenario)
      throws IOException {
    String json = resource("/fixtures/captured/traceloop/" + scenario + ".json");
    ExportTraceServiceRequest protobuf;
    try (InputStream in = stream("/fixtures/captured/traceloop/" + scenario + ".pb")) {
      protobuf = ExportTraceServiceRequest.parseFrom(in);
    }

    assertEquals(protobuf, OtlpJson.parseTraces(json));
  }

  @Test
  void print_writesHexIdsAndIntegerEnumsAndReadsBackEqual() throws IOException {
    ExportTraceServiceRequest request;
    try (InputStream in = stream("/fixtures/captured/traceloop/tool_call.pb")) {
      request = ExportTraceServiceRequest.parseFrom(in);
    }
    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);

    String json = OtlpJson.print(request);

    assertTrue(json.contains("\"traceId\":\"" + hex(span.getTraceId()) + "\""), json);
    assertTrue(json.contains("\"spanId\":\"" + hex(span.getSpanId()) + "\""), json);
    assertTrue(json.contains("\"kind\":3"), json);
    assertTrue(!json.contains("\n"), "one line");
    assertEquals(request, OtlpJson.parseTraces(json));
  }

  @Test
  void parseTraces_acceptsEnumNamesAndInt64AsStringOrNumber() {
    Span byName =
        onlySpan(
            String.format(
                SPAN_TEMPLATE,
                "\"kind\":\"SPAN_KIND_SERVER\",\"startTimeUnixNano\":\"1700000000000000001\","
                    + "\"status\":{\"code\":\"STATUS_CODE_ERROR\"}"));
    Span byNumber =
        onlySpan(
            String.format(
                SPAN_TEMPLATE,
                "\"kind\":2,\"startTimeUnixNano\":1700000000000000001,\"status\":{\"code\":2}"));

    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, byName.getKind());
    assertEquals(1_700_000_000_000_000_001L, byName.getStartTimeUnixNano());
    assertEquals(byName, byNumber);
    assertEquals("5b8efff798038103d269b633813fc60c", hex(byName.getTraceId()));
  }

  @Test
  void parseTraces_ignoresUnknownFields() {
    Span span = onlySpan(String.format(SPAN_TEMPLATE, "\"futureField\":{\"x\":1}"));

    assertEquals("chat", span.getName());
  }

  @Test
  void parseTraces_ignoresIdNamedMembersInsideUnknownFields() {
    String unknown = "\"futureField\":{\"traceId\":\"n/a\",\"spanId\":\"none\"}";
    String json =
        "{\"futureRoot\":{\"spanId\":\"n/a\"},"
            + String.format(SPAN_TEMPLATE, unknown).substring(1);

    Span span = onlySpan(json);

    assertEquals("chat", span.getName());
  }

  @Test
  void parseTraces_readsLinkIdsAsHex() {
    String link =
        "\"links\":[{\"traceId\":\"0af7651916cd43dd8448eb211c8031aa\","
            + "\"spanId\":\"b7ad6b71692033aa\"}]";

    Span span = onlySpan(String.format(SPAN_TEMPLATE, link));

    assertEquals("0af7651916cd43dd8448eb211c8031aa", hex(span.getLinks(0).getTraceId()));
    assertEquals("b7ad6b71692033aa", hex(span.getLinks(0).getSpanId()));
  }

  @Test
  void merge_readsLogRecordIdsAsHexUnderTheirJsonOrProtoNames() {
    String json =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":["
            + "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\"},"
            + "{\"trace_id\":\"0af7651916cd43dd8448eb211c8031aa\",\"span_id\":\"b7ad6b71692033aa\","
            + "\"future\":{\"spanId\":\"n/a\"}}]}]}]}";
    ExportLogsServiceRequest.Builder logs = ExportLogsServiceRequest.newBuilder();

    OtlpJson.merge(json, logs);

    List<LogRecord> records = logs.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertEquals("5b8efff798038103d269b633813fc60c", hex(records.get(0).getTraceId()));
    assertEquals("eee19b7ec3c1b174", hex(records.get(0).getSpanId()));
    assertEquals("0af7651916cd43dd8448eb211c8031aa", hex(records.get(1).getTraceId()));
    assertEquals("b7ad6b71692033aa", hex(records.get(1).getSpanId()));
  }

  @Test
  void parseTraces_rejectsIdsThatAreNotHexNamingTheField() {
    String json = String.format(SPAN_TEMPLATE, "\"parentSpanId\":\"xyz\"");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces(json));

    assertEquals("parentSpanId is not hex (expected: 16 hex digits)", e.getMessage());
  }

  @Test
  void parseTraces_rejectsLinkIdsThatAreNotHexNamingTheLink() {
    String link =
        "\"links\":[{\"traceId\":\"0af7651916cd43dd8448eb211c8031aa\","
            + "\"spanId\":\"b7ad6b71692033aa\"},{\"traceId\":\"n/a\"}]";
    String json = String.format(SPAN_TEMPLATE, link);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces(json));

    assertEquals("links[1].traceId is not hex (expected: 32 hex digits)", e.getMessage());
  }

  @Test
  void merge_rejectsLogRecordIdsThatAreNotHexNamingTheField() {
    String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"span_id\":\"zz\"}]}]}]}";

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OtlpJson.merge(json, ExportLogsServiceRequest.newBuilder()));

    assertEquals("span_id is not hex (expected: 16 hex digits)", e.getMessage());
  }

  @Test
  void parseTraces_refusesADoubleOutOfRangeInsteadOfReadingInfinity() {
    String attribute = "\"attributes\":[{\"key\":\"x\",\"value\":{\"doubleValue\":1e999}}]";
    String json = String.format(SPAN_TEMPLATE, attribute);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces(json));

    assertTrue(e.getMessage().contains("1e999"), e.getMessage());
  }

  @Test
  void parseTraces_readsNumbersNoJavaTypeHoldsInUnknownFields() {
    String unknown = "\"futureField\":{\"tiny\":1e-99999999999,\"huge\":1e999}";

    Span span = onlySpan(String.format(SPAN_TEMPLATE, unknown));

    assertEquals("chat", span.getName());
  }

  @Test
  void parseTraces_namesANonStandardNumberWithoutTheReadersAdvice() {
    String attribute = "\"attributes\":[{\"key\":\"x\",\"value\":{\"doubleValue\":NaN}}]";
    String json = String.format(SPAN_TEMPLATE, attribute);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces(json));

    assertTrue(e.getMessage().contains("Non-standard token 'NaN'"), e.getMessage());
    assertFalse(e.getMessage().contains("Feature"), e.getMessage());
    assertFalse(e.getMessage().contains("to allow"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"spanId\":1234567890' | spanId is a number, not a string (expected: 16 hex digits)",
        "'\"trace_id\":true' | trace_id is a boolean, not a string (expected: 32 hex digits)",
      })
  void parseTraces_refusesIdsThatAreNotStringsNamingTheirKind(String id, String expected) {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"chat\"," + id + "}]}]}]}";

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces(json));

    assertEquals(expected, e.getMessage());
  }

  @Test
  void parseTraces_rejectsMalformedJson() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces("{\"resource"));

    assertTrue(e.getMessage().startsWith("invalid JSON"), e.getMessage());
  }

  @Test
  void parseTraces_saysWhereJsonBreaksWithoutParserInternals() {
    String unclosed = "{\n  \"resourceSpans\": [";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OtlpJson.parseTraces(unclosed));

    assertTrue(e.getMessage().contains("line 2, column"), e.getMessage());
    assertFalse(e.getMessage().contains("Source:"), e.getMessage());
    assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
  }

  private static Span onlySpan(String json) {
    return OtlpJson.parseTraces(json).getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = OtlpJsonTest.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }
}
