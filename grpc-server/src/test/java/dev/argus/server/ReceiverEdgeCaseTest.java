package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver edge cases of {@code fixtures/edge-cases} (BL-01 to BL-11), each sent to a running
 * ARGUS over real sockets, asserting what its {@code .expected.md} asks for.
 */
class ReceiverEdgeCaseTest {
  private static final String JSON = "application/json";
  private static final String PROTOBUF = "application/x-protobuf";
  private static final HexFormat HEX = HexFormat.of();

  private RunningArgus argus;

  @BeforeEach
  void start() throws Exception {
    argus = RunningArgus.start("", new GenAiEvaluator(ScoringConfig.defaults()));
  }

  @AfterEach
  void stop() throws Exception {
    argus.close();
  }

  @Test
  void bl01_hexIdsInEitherCaseDecodeToTheirBytes() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-01.json");

    assertEquals(200, response.statusCode());
    assertFalse(traceResponse(response).hasPartialSuccess());
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(2, spans.size());
    byte[] traceId = HEX.parseHex("72121e760d0aa6de3dd5a21ce93efd26");
    assertArrayEquals(traceId, spans.get(0).getTraceId().toByteArray());
    assertArrayEquals(traceId, spans.get(1).getTraceId().toByteArray());
    assertArrayEquals(HEX.parseHex("1ed0ac1226b16010"), spans.get(1).getSpanId().toByteArray());
    assertEquals(spans.get(0).getSpanId(), spans.get(1).getParentSpanId());
    EvaluatedSpan evaluated = argus.takeEvaluated();
    assertEquals("72121e760d0aa6de3dd5a21ce93efd26", evaluated.traceId());
    assertEquals("1ed0ac1226b16010", evaluated.spanId());
  }

  @Test
  void bl02_malformedIdsCostOnlyTheirOwnSpan() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-02.json");

    assertEquals(200, response.statusCode());
    ExportTraceServiceResponse answer = traceResponse(response);
    assertEquals(4, answer.getPartialSuccess().getRejectedSpans());
    String message = answer.getPartialSuccess().getErrorMessage();
    assertTrue(message.contains("spans[1]: traceId is not hex"), message);
    assertTrue(message.contains("(expected: 32 hex digits)"), message);
    assertTrue(message.contains("spans[2]: traceId is 15 bytes"), message);
    assertTrue(message.contains("spans[3]: traceId is all zeros"), message);
    assertTrue(message.contains("spans[4]: spanId is empty"), message);
    List<Span> forwarded = Spans.all(argus.downstream.take());
    assertEquals(1, forwarded.size());
    assertEquals("adf7d0c53ac8b99a", HEX.formatHex(forwarded.get(0).getSpanId().toByteArray()));
    assertEquals("adf7d0c53ac8b99a", argus.takeEvaluated().spanId());
    assertTrue(argus.drainEvaluated().isEmpty());
    assertEquals(4, argus.server.receiverCounters().rejectedItemCount());
  }

  @Test
  void bl02_malformedIdsOverGrpcCostOnlyTheirOwnSpan() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(span("a", "ebdae4d8fc4337504ce9a5fe94624b08"))
                            .addSpans(span("b", "1cac4adcea21f3c42ce23e341748aa"))
                            .addSpans(span("c", "00000000000000000000000000000000"))))
            .build();

    ExportTraceServiceResponse answer = argus.sender.traces().export(request);

    assertEquals(2, answer.getPartialSuccess().getRejectedSpans());
    List<Span> forwarded = Spans.all(argus.downstream.take());
    assertEquals(List.of("a"), forwarded.stream().map(Span::getName).toList());
  }

  @Test
  void bl03_int64AsStringOrNumberKeepsEveryDigit() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-03.json");

    assertEquals(200, response.statusCode());
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(3, spans.size());
    for (Span span : spans.subList(0, 2)) {
      assertEquals(1767225600123456789L, span.getStartTimeUnixNano(), span.getName());
      assertEquals(1767225601123456900L, span.getEndTimeUnixNano(), span.getName());
    }
    for (int i = 0; i < 3; i++) {
      EvaluatedSpan evaluated = argus.takeEvaluated(hex(spans.get(i).getSpanId()));
      assertEquals(1200L, evaluated.call().usage().inputTokens(), evaluated.spanId());
      assertEquals(350L, evaluated.call().usage().outputTokens(), evaluated.spanId());
    }
  }

  @Test
  void bl04_enumsAsNamesNumbersOrMissing() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-04.json");

    assertEquals(200, response.statusCode());
    assertFalse(traceResponse(response).hasPartialSuccess());
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(
        List.of(
            Span.SpanKind.SPAN_KIND_CLIENT,
            Span.SpanKind.SPAN_KIND_CLIENT,
            Span.SpanKind.SPAN_KIND_UNSPECIFIED,
            Span.SpanKind.SPAN_KIND_SERVER),
        spans.stream().map(Span::getKind).toList());
    assertEquals(
        List.of(
            StatusCode.STATUS_CODE_ERROR,
            StatusCode.STATUS_CODE_ERROR,
            StatusCode.STATUS_CODE_UNSET,
            StatusCode.STATUS_CODE_OK),
        spans.stream().map(s -> s.getStatus().getCode()).toList());
    assertEquals("upstream returned 500", spans.get(1).getStatus().getMessage());
    assertEquals(4, argus.takeEvaluated(4).size());
  }

  @Test
  void bl05_unknownJsonFieldsAreIgnored() throws Exception {
    String json = text("BL-05.json");
    // One more unknown key, next to stringValue inside an AnyValue.
    String nested =
        json.replaceFirst(
            "\"stringValue\": \"chat\",", "\"stringValue\": \"chat\", \"x_more\": [1],");
    assertTrue(!nested.equals(json));

    for (String body : List.of(json, nested)) {
      HttpResponse<byte[]> response = argus.sender.post("/v1/traces", JSON, bytes(body));

      assertEquals(200, response.statusCode());
      assertFalse(traceResponse(response).hasPartialSuccess());
      Span span = Spans.all(argus.downstream.take()).get(0);
      assertEquals(257, span.getFlags());
      assertEquals("40acff5e6e201f2f", argus.takeEvaluated().spanId());
    }
  }

  @Test
  void bl06_emptyRequestsAndEnvelopesAreAcceptedAndNothingEmptyIsForwarded() throws Exception {
    for (String file : List.of("BL-06.empty-object.json", "BL-06.empty-list.json")) {
      HttpResponse<byte[]> response = postJson(file);
      assertEquals(200, response.statusCode(), file);
      assertFalse(traceResponse(response).hasPartialSuccess(), file);
    }
    HttpResponse<byte[]> emptyProtobuf = argus.sender.post("/v1/traces", PROTOBUF, new byte[0]);
    assertEquals(200, emptyProtobuf.statusCode());
    assertEquals(0, emptyProtobuf.body().length, "an empty ExportTraceServiceResponse");
    assertEquals(
        ExportTraceServiceResponse.getDefaultInstance(),
        argus.sender.traces().export(ExportTraceServiceRequest.getDefaultInstance()));
    assertNull(argus.downstream.poll(300), "an empty request is not forwarded");
    assertEquals(0, argus.server.receiverCounters().acceptedSpanCount());

    HttpResponse<byte[]> response = postJson("BL-06.json");

    assertEquals(200, response.statusCode());
    ExportTraceServiceRequest forwarded = argus.downstream.take();
    assertEquals(1, forwarded.getResourceSpansCount(), "empty envelopes are dropped");
    assertEquals(1, forwarded.getResourceSpans(0).getScopeSpansCount());
    assertEquals(1, Spans.all(forwarded).size());
    assertEquals("c0a2f2f25ec8144b", argus.takeEvaluated().spanId());
    assertEquals(1, argus.server.receiverCounters().acceptedSpanCount());
  }

  @Test
  void bl07_emptyParentSpanIdIsARoot() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-07.json");

    assertEquals(200, response.statusCode());
    assertFalse(traceResponse(response).hasPartialSuccess());
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(2, spans.size());
    assertEquals(0, spans.get(0).getParentSpanId().size());
    assertEquals("374764fea074d325", hex(spans.get(1).getParentSpanId()));
    assertEquals("cf79c0f0b827eeda", argus.takeEvaluated("cf79c0f0b827eeda").spanId());
  }

  @Test
  void bl08_duplicateAttributeKeysKeepTheSpanAndTheLastValue() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-08.json");

    assertEquals(200, response.statusCode());
    assertFalse(traceResponse(response).hasPartialSuccess());
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(3, spans.size());
    Span dup = spans.get(0);
    long inputTokenKeys =
        dup.getAttributesList().stream()
            .filter(a -> a.getKey().equals("gen_ai.usage.input_tokens"))
            .count();
    assertEquals(2, inputTokenKeys, "forwarded unchanged, both occurrences");
    EvaluatedSpan evaluated = argus.takeEvaluated("b052d5405e5913c7");
    assertEquals(120L, evaluated.call().usage().inputTokens());
    assertEquals(40L, evaluated.call().usage().outputTokens());
  }

  @Test
  void bl09_invalidUtf8OverHttpIsRepairedAndCostsNoSpan() throws Exception {
    HttpResponse<byte[]> response = argus.sender.post("/v1/traces", PROTOBUF, resource("BL-09.pb"));

    assertEquals(200, response.statusCode());
    assertFalse(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess());
    assertRepairedBl09();
  }

  @Test
  void bl09_invalidUtf8OverGrpcIsRepairedAndCostsNoSpan() throws Exception {
    // The bytes go out as they are: protobuf-java itself would refuse to parse them.
    ExportTraceServiceResponse answer =
        ExportTraceServiceResponse.parseFrom(argus.sender.rawTraces(resource("BL-09.pb")));

    assertFalse(answer.hasPartialSuccess());
    assertRepairedBl09();
  }

  @Test
  void bl10_loneSurrogatesBecomeReplacementCharacters() throws Exception {
    HttpResponse<byte[]> response = postJson("BL-10.json");

    assertEquals(200, response.statusCode());
    assertFalse(traceResponse(response).hasPartialSuccess());
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(2, spans.size());
    AnyValue prompt = Spans.attribute(spans.get(1), "gen_ai.prompt").orElseThrow();
    assertEquals("Caf\u00e9 order for Noor \uFFFD end", prompt.getStringValue());
    assertTrue(prompt.toByteString().isValidUtf8());
    // Span a's halves are JSON escapes inside a string value: valid UTF-8 on the wire, decoded
    // (and repaired) by the extractor's message reader, not by the receiver.
    EvaluatedSpan a = argus.takeEvaluated("2245cf10b5bf10bd");
    assertTrue(a.call().prompt().contains("\ud83d\ude00"), "a valid pair stays intact");
    EvaluatedSpan b = argus.takeEvaluated("b368671fc5fc295d");
    assertFalse(hasLoneSurrogate(b.call().prompt()), b.call().prompt());
    assertTrue(b.call().prompt().contains("Noor \uFFFD end"), b.call().prompt());
    assertEquals(1, argus.server.receiverCounters().repairedValueCount());
  }

  @Test
  void bl11_gzipBodyIsInflated() throws Exception {
    HttpResponse<byte[]> response =
        argus.sender.post(
            "/v1/traces", JSON, resource("BL-11.small.json.gz"), "Content-Encoding", "gzip");

    assertEquals(200, response.statusCode());
    assertEquals(1, Spans.all(argus.downstream.take()).size());
    argus.takeEvaluated();
  }

  @Test
  void bl11_gzipBombIsRefusedWith413AndNothingIsForwarded() throws Exception {
    HttpResponse<byte[]> response =
        argus.sender.post(
            "/v1/traces", JSON, resource("BL-11.bomb.json.gz"), "Content-Encoding", "gzip");

    assertEquals(413, response.statusCode());
    com.google.rpc.Status status = rpcStatus(response);
    assertTrue(status.getMessage().contains("larger than 20971520 bytes"), status.getMessage());
    assertNull(argus.downstream.poll(300));
    // The server keeps serving.
    assertEquals(200, postJson("BL-07.json").statusCode());
  }

  @Test
  void bl11_unsupportedEncodingIs415AndFalseGzipIs400() throws Exception {
    byte[] small = resource("BL-11.small.json.gz");
    HttpResponse<byte[]> brotli =
        argus.sender.post("/v1/traces", JSON, small, "Content-Encoding", "br");
    HttpResponse<byte[]> notGzip =
        argus.sender.post("/v1/traces", JSON, resource("BL-07.json"), "Content-Encoding", "gzip");

    assertEquals(415, brotli.statusCode());
    assertEquals(400, notGzip.statusCode());
    String message = rpcStatus(notGzip).getMessage();
    assertTrue(message.contains("not valid gzip"), message);
    assertNull(argus.downstream.poll(300));
  }

  @Test
  void bl11_grpcGzipMessageAboveTheLimitIsResourceExhausted() {
    // 2 MiB of zeros compress to a few KiB but inflate past the 1 MiB limit of this receiver.
    Span big =
        span("big", "ebdae4d8fc4337504ce9a5fe94624b08").toBuilder()
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("blob")
                    .setValue(
                        AnyValue.newBuilder()
                            .setBytesValue(ByteString.copyFrom(new byte[2 * 1024 * 1024]))))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(big)))
            .build();

    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> argus.sender.traces().withCompression("gzip").export(request));

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
  }

  private void assertRepairedBl09() throws Exception {
    List<Span> spans = Spans.all(argus.downstream.take());
    assertEquals(3, spans.size());
    Span second = spans.get(1);
    AnyValue prompt = Spans.attribute(second, "gen_ai.prompt").orElseThrow();
    assertEquals("Caf\uFFFD receipt for Ines Duarte, card ending 4242", prompt.getStringValue());
    Map<String, EvaluatedSpan> evaluated = new HashMap<>();
    for (Span span : spans) {
      EvaluatedSpan e = argus.takeEvaluated(hex(span.getSpanId()));
      evaluated.put(e.spanId(), e);
    }
    assertTrue(
        evaluated.get(hex(second.getSpanId())).call().prompt().startsWith("Caf\uFFFD receipt"));
    assertEquals(1, argus.server.receiverCounters().repairedValueCount());
  }

  private HttpResponse<byte[]> postJson(String file) throws IOException, InterruptedException {
    return argus.sender.post("/v1/traces", JSON, resource(file));
  }

  private static ExportTraceServiceResponse traceResponse(HttpResponse<byte[]> response) {
    assertEquals(JSON, response.headers().firstValue("Content-Type").orElse(""));
    ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
    OtlpJson.merge(new String(response.body(), StandardCharsets.UTF_8), answer);
    return answer.build();
  }

  private static com.google.rpc.Status rpcStatus(HttpResponse<byte[]> response) {
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder();
    OtlpJson.merge(new String(response.body(), StandardCharsets.UTF_8), status);
    return status.build();
  }

  static Span span(String name, String traceIdHex) {
    return Span.newBuilder()
        .setName(name)
        .setTraceId(ByteString.copyFrom(HEX.parseHex(traceIdHex)))
        .setSpanId(ByteString.copyFrom(HEX.parseHex("0102030405060708")))
        .build();
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  private static byte[] resource(String file) {
    return OtlpSender.resource("fixtures/edge-cases/" + file);
  }

  private static String text(String file) {
    return new String(resource(file), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
