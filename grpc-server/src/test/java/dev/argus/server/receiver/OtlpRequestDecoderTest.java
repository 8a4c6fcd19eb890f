package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one behaviour of the decoder for each kind of bad input. */
class OtlpRequestDecoderTest {
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final OtlpRequestDecoder<ExportTraceServiceRequest> TRACES =
      OtlpRequestDecoder.TRACES;

  @Test
  void validProtobuf_isReturnedAsTheSameInstanceWithoutCopying() throws Exception {
    ExportTraceServiceRequest request = request(span("a"), span("b"));

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeProtobuf(request.toByteString());

    assertEquals(request, decoded.request());
    assertEquals(2, decoded.acceptedItems());
    assertEquals(0, decoded.rejectedItems());
    assertEquals("", decoded.errorMessage());
  }

  @Test
  void protobufSpanThatDoesNotParse_costsOnlyItself() throws Exception {
    // The middle span's bytes are a field with a wire type no decoder accepts (group end).
    ByteString broken = ByteString.copyFrom(new byte[] {0x0c});
    ByteString body = envelope(List.of(span("a").toByteString(), broken, span("c").toByteString()));

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeProtobuf(body);

    assertEquals(List.of("a", "c"), names(decoded.request()));
    assertEquals(1, decoded.rejectedItems());
    assertTrue(
        decoded.errorMessage().startsWith("span resourceSpans[0].scopeSpans[0].spans[1]: "),
        decoded.errorMessage());
  }

  @Test
  void protobufInvalidUtf8_isReplacedAndTheSpanKept() throws Exception {
    Span named = span("Caf_");
    byte[] bytes = named.toByteArray();
    // Replace the '_' of the name by a lone Latin-1 byte.
    bytes[indexOf(bytes, (byte) '_')] = (byte) 0xe9;
    ByteString body = envelope(List.of(ByteString.copyFrom(bytes)));

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeProtobuf(body);

    assertEquals(List.of("Caf\uFFFD"), names(decoded.request()));
    assertEquals(1, decoded.repairedValues());
    assertEquals(0, decoded.rejectedItems());
  }

  @Test
  void exactBytes_areHandedOnOnlyForARequestReadAsItCame() throws Exception {
    ByteString clean = request(span("a")).toByteString();
    byte[] bytes = span("Caf_").toByteArray();
    bytes[indexOf(bytes, (byte) '_')] = (byte) 0xe9;
    ByteString repaired = envelope(List.of(ByteString.copyFrom(bytes)));
    ByteString dropped =
        envelope(List.of(span("a").toByteString(), ByteString.copyFrom(new byte[] {0x0c})));
    List<ByteString> exact = new ArrayList<>();

    Decoded<ExportTraceServiceRequest> decoded =
        TRACES.decodeProtobuf(clean, (request, body) -> exact.add(body));
    TRACES.decodeProtobuf(repaired, (request, body) -> exact.add(body));
    TRACES.decodeProtobuf(dropped, (request, body) -> exact.add(body));

    assertEquals(List.of(clean), exact);
    assertEquals(request(span("a")), decoded.request());
  }

  @Test
  void truncatedProtobuf_isAnInvalidRequest() {
    ByteString body = request(span("a")).toByteString();
    ByteString truncated = body.substring(0, body.size() - 3);

    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> TRACES.decodeProtobuf(truncated));

    assertTrue(e.getMessage().startsWith("body is not a valid protobuf"), e.getMessage());
  }

  @Test
  void jsonWithInvalidUtf8Bytes_isReadWithReplacementCharacters() throws Exception {
    byte[] json = json("\"name\":\"Caf_\"").getBytes(StandardCharsets.UTF_8);
    json[indexOf(json, (byte) '_')] = (byte) 0xe9;

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeJson(json);

    assertEquals(List.of("Caf\uFFFD"), names(decoded.request()));
  }

  @Test
  void jsonValueOfTheWrongType_costsOnlyItsSpan_unknownEnumNameReadsAsZero() throws Exception {
    String body =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
            + spanJson("\"name\":\"a\"")
            + ","
            + spanJson("\"name\":\"b\",\"startTimeUnixNano\":\"soon\"")
            + ",42,"
            + spanJson("\"name\":\"c\",\"kind\":\"SPAN_KIND_NOT_A_KIND\"")
            + "]}]}]}";

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeJson(bytes(body));

    assertEquals(List.of("a", "c"), names(decoded.request()));
    assertEquals(
        Span.SpanKind.SPAN_KIND_UNSPECIFIED,
        decoded.request().getResourceSpans(0).getScopeSpans(0).getSpans(1).getKind());
    assertEquals(2, decoded.rejectedItems());
    assertTrue(decoded.errorMessage().contains("spans[1]: "), decoded.errorMessage());
    assertTrue(decoded.errorMessage().contains("spans[2]: not a JSON object"));
  }

  @Test
  void jsonEnumNumberOtlpDoesNotDefine_isKeptAsWrittenForLaterReaders() throws Exception {
    String body =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
            + spanJson("\"name\":\"a\",\"kind\":99")
            + ","
            + spanJson("\"name\":\"b\",\"kind\":true")
            + "]}]}]}";

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeJson(bytes(body));

    Span span = decoded.request().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals(0, decoded.rejectedItems(), decoded.errorMessage());
    assertEquals(99, span.getKindValue());
    assertEquals(Span.SpanKind.UNRECOGNIZED, span.getKind());
    // A value of another type is no enum value at all: read as unspecified.
    assertEquals(
        Span.SpanKind.SPAN_KIND_UNSPECIFIED,
        decoded.request().getResourceSpans(0).getScopeSpans(0).getSpans(1).getKind());
  }

  @Test
  void jsonProtoFieldNamesAndDuplicateMembers_lastMemberWins() throws Exception {
    String body =
        "{\"resource_spans\":[{\"scope_spans\":[{\"spans\":[{\"trace_id\":\""
            + TRACE_ID
            + "\",\"span_id\":\"eee19b7ec3c1b174\",\"name\":\"first\",\"name\":\"last\"}]}]}]}";

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeJson(bytes(body));

    assertEquals(List.of("last"), names(decoded.request()));
  }

  @Test
  void jsonThatIsNotAnOtlpDocument_isAnInvalidRequest() {
    for (String body : List.of("[]", "\"text\"", "{\"resourceSpans\":{}}", "{\"resourceSpans\":")) {
      assertThrows(InvalidRequestException.class, () -> TRACES.decodeJson(bytes(body)), body);
    }
  }

  @Test
  void emptyBodies_areEmptyRequests() throws Exception {
    assertSame(
        ExportTraceServiceRequest.getDefaultInstance(), TRACES.decodeJson(new byte[0]).request());
    assertEquals(
        ExportTraceServiceRequest.getDefaultInstance(),
        TRACES.decodeProtobuf(ByteString.EMPTY).request());
  }

  @Test
  void logRecordsWithoutIds_areAcceptedAndBadIdLengthsRejected() throws Exception {
    String body =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":["
            + "{\"body\":{\"stringValue\":\"no ids\"}},"
            + "{\"traceId\":\"abcd\",\"body\":{\"stringValue\":\"short id\"}}"
            + "]}]}]}";

    Decoded<ExportLogsServiceRequest> decoded = OtlpRequestDecoder.LOGS.decodeJson(bytes(body));

    assertEquals(1, decoded.acceptedItems());
    assertEquals(1, decoded.rejectedItems());
    assertTrue(
        decoded.errorMessage().startsWith("log record resourceLogs[0].scopeLogs[0].logRecords[1]"),
        decoded.errorMessage());
  }

  @Test
  void problemsBeyondTheFirstFive_areCountedNotListed() throws Exception {
    StringBuilder spans = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      spans.append(i == 0 ? "" : ",");
      spans.append("{\"traceId\":\"zz\",\"spanId\":\"eee19b7ec3c1b174\"}");
    }
    String body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";

    Decoded<ExportTraceServiceRequest> decoded = TRACES.decodeJson(bytes(body));

    assertEquals(8, decoded.rejectedItems());
    assertEquals(Decoded.MAX_PROBLEMS, decoded.problems().size());
    assertTrue(decoded.errorMessage().endsWith("; and 3 more"), decoded.errorMessage());
  }

  private static ByteString envelope(List<ByteString> spans) throws IOException {
    ByteArrayOutputStream scope = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(scope);
    for (ByteString span : spans) {
      out.writeBytes(ScopeSpans.SPANS_FIELD_NUMBER, span);
    }
    out.flush();
    ByteString resource =
        ResourceSpans.newBuilder().build().toByteString().concat(field(2, scope.toByteArray()));
    return field(1, resource.toByteArray());
  }

  private static ByteString field(int number, byte[] value) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buffer);
    out.writeByteArray(number, value);
    out.flush();
    return ByteString.copyFrom(buffer.toByteArray());
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }

  private static Span span(String name) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("eee19b7ec3c1b174")))
        .setName(name)
        .build();
  }

  private static String json(String fields) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + spanJson(fields) + "]}]}]}";
  }

  private static String spanJson(String fields) {
    return "{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"eee19b7ec3c1b174\"," + fields + "}";
  }

  private static List<String> names(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .map(Span::getName)
        .toList();
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
