package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LongStringsTest {

  @Test
  void encodeAhead_keepsTheRequestAndItsBytes_whateverFormItsValuesHold() throws Exception {
    String longText = "Zürich 東京 \ud83d\ude00 ".repeat(40);
    ExportTraceServiceRequest request =
        request(
            attribute("short", AnyValue.newBuilder().setStringValue("gpt-4o").build()),
            attribute("text", AnyValue.newBuilder().setStringValue(longText).build()),
            attribute(
                "bytes",
                AnyValue.newBuilder()
                    .setStringValueBytes(ByteString.copyFromUtf8("[" + longText + "]"))
                    .build()),
            attribute("number", AnyValue.newBuilder().setIntValue(7).build()));
    byte[] before = request.toByteArray();
    ExportTraceServiceRequest copy = ExportTraceServiceRequest.parseFrom(before);

    LongStrings.encodeAhead(request);

    assertEquals(copy, request);
    assertEquals(ByteString.copyFrom(before), request.toByteString());
    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals(longText, span.getAttributes(1).getValue().getStringValue());
    assertEquals(
        "[" + longText + "]",
        new String(
            span.getAttributes(2).getValue().getStringValueBytes().toByteArray(),
            StandardCharsets.UTF_8));
  }

  private static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static ExportTraceServiceRequest request(KeyValue... attributes) {
    Span.Builder span = Span.newBuilder().setName("chat");
    for (KeyValue attribute : attributes) {
      span.addAttributes(attribute);
    }
    span.addEvents(Span.Event.newBuilder().setName("e").addAttributes(attributes[1]));
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }
}
