package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A span whose link has a trace id or span id of the wrong length, all zeros or missing is rejected
 * on its own, on every transport, over real sockets: forwarded, it would make a downstream
 * Collector refuse the whole batch.
 */
class LinkIdsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Evaluator NOT_EVALUATED =
      input -> Evaluation.notEvaluated("default", "not under test");
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c8031aa";
  private static final String SPAN_ID = "b7ad6b71692033aa";
  private static final String LINKED_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String LINKED_SPAN_ID = "00f067aa0ba902b7";
  private static final String ZERO_TRACE_ID = "00000000000000000000000000000000";
  private static final String ZERO_SPAN_ID = "0000000000000000";

  /** How the batch reaches ARGUS. */
  enum Transport {
    GRPC,
    HTTP_PROTOBUF,
    HTTP_JSON
  }

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
  @EnumSource(Transport.class)
  void badLinkIds_rejectOnlyTheirSpan(Transport transport) throws Exception {
    List<Span> batch =
        List.of(
            span("no-links"),
            span("good-link", link(LINKED_TRACE_ID, LINKED_SPAN_ID)),
            span("short-trace", link("01", "0102030405060709")),
            span("zero-trace", link(ZERO_TRACE_ID, LINKED_SPAN_ID)),
            span("short-span", link(LINKED_TRACE_ID, "01020304050607")),
            span(
                "second-zero-span",
                link(LINKED_TRACE_ID, LINKED_SPAN_ID),
                link(LINKED_TRACE_ID, ZERO_SPAN_ID)),
            span("missing-trace", link("", LINKED_SPAN_ID)));

    ExportTraceServiceResponse answer = send(transport, batch);

    assertEquals(5, answer.getPartialSuccess().getRejectedSpans(), answer.toString());
    String message = answer.getPartialSuccess().getErrorMessage();
    assertTrue(
        message.contains(
            "spans[2]: links[0].traceId is 1 bytes (expected: 16 bytes, 32 hex characters)"),
        message);
    assertTrue(message.contains("spans[3]: links[0].traceId is all zeros"), message);
    assertTrue(
        message.contains(
            "spans[4]: links[0].spanId is 7 bytes (expected: 8 bytes, 16 hex characters)"),
        message);
    assertTrue(message.contains("spans[5]: links[1].spanId is all zeros"), message);
    assertTrue(message.contains("spans[6]: links[0].traceId is empty"), message);
    List<Span> forwarded = Spans.all(argus.downstream.take());
    assertEquals(List.of("no-links", "good-link"), forwarded.stream().map(Span::getName).toList());
    Span.Link kept = forwarded.get(1).getLinks(0);
    assertEquals(LINKED_TRACE_ID, Spans.hex(kept.getTraceId()));
    assertEquals(LINKED_SPAN_ID, Spans.hex(kept.getSpanId()));
    assertEquals(5, argus.server.receiverCounters().rejectedItemCount());
  }

  private ExportTraceServiceResponse send(Transport transport, List<Span> spans) throws Exception {
    ExportTraceServiceRequest request = request(spans);
    switch (transport) {
      case GRPC:
        return argus.sender.traces().export(request);
      case HTTP_PROTOBUF:
        HttpResponse<byte[]> binary =
            argus.sender.post("/v1/traces", "application/x-protobuf", request.toByteArray());
        assertEquals(200, binary.statusCode());
        return ExportTraceServiceResponse.parseFrom(binary.body());
      default:
        byte[] body = json(spans).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> text = argus.sender.post("/v1/traces", "application/json", body);
        String answer = new String(text.body(), StandardCharsets.UTF_8);
        assertEquals(200, text.statusCode(), answer);
        ExportTraceServiceResponse.Builder parsed = ExportTraceServiceResponse.newBuilder();
        OtlpJson.merge(answer, parsed);
        return parsed.build();
    }
  }

  private static ExportTraceServiceRequest request(List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  // Written by hand, as an OTLP/JSON exporter would: hex ids, an empty id left out.
  private static String json(List<Span> spans) {
    String items = spans.stream().map(LinkIdsTest::json).collect(Collectors.joining(", "));
    return "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [" + items + "]}]}]}";
  }

  private static String json(Span span) {
    String links =
        span.getLinksList().stream()
            .map(link -> "{" + ids(link.getTraceId(), link.getSpanId()) + "}")
            .collect(Collectors.joining(", "));
    return "{\"name\": \""
        + span.getName()
        + "\", "
        + ids(span.getTraceId(), span.getSpanId())
        + ", \"links\": ["
        + links
        + "]}";
  }

  private static String ids(ByteString traceId, ByteString spanId) {
    String trace = traceId.isEmpty() ? "" : "\"traceId\": \"" + Spans.hex(traceId) + "\"";
    String span = "\"spanId\": \"" + Spans.hex(spanId) + "\"";
    return trace.isEmpty() ? span : trace + ", " + span;
  }

  private static Span span(String name, Span.Link... links) {
    return Span.newBuilder()
        .setName(name)
        .setTraceId(id(TRACE_ID))
        .setSpanId(id(SPAN_ID))
        .addAllLinks(List.of(links))
        .build();
  }

  private static Span.Link link(String traceIdHex, String spanIdHex) {
    return Span.Link.newBuilder().setTraceId(id(traceIdHex)).setSpanId(id(spanIdHex)).build();
  }

  private static ByteString id(String hex) {
    return ByteString.copyFrom(HEX.parseHex(hex));
  }
}
