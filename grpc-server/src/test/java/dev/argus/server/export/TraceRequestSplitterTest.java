package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.server.otlp.ItemCounts;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRequestSplitterTest {

  @Test
  void split_smallRequestIsReturnedAsIs() {
    ExportTraceServiceRequest request = request(2, 2, 3, 100);

    List<ExportTraceServiceRequest> parts = TraceRequestSplitter.split(request, 1 << 20);

    assertEquals(1, parts.size());
    assertSame(request, parts.get(0));
  }

  @Test
  void split_largeRequestGivesPartsUnderTheLimitWithEverySpanUnderItsResourceAndScope() {
    ExportTraceServiceRequest request = request(3, 2, 20, 1_000);
    int limit = request.getSerializedSize() / 5;

    List<ExportTraceServiceRequest> parts = TraceRequestSplitter.split(request, limit);

    assertTrue(parts.size() >= 5, "parts: " + parts.size());
    List<String> original = describe(request);
    List<String> rejoined = new ArrayList<>();
    for (ExportTraceServiceRequest part : parts) {
      assertTrue(part.getSerializedSize() <= limit, "part of " + part.getSerializedSize());
      rejoined.addAll(describe(part));
    }
    assertEquals(original, rejoined);
  }

  @Test
  void split_aSpanAloneAboveTheLimitStaysAloneInItsPart() {
    ExportTraceServiceRequest request = request(1, 1, 4, 10_000);

    List<ExportTraceServiceRequest> parts = TraceRequestSplitter.split(request, 5_000);

    assertEquals(4, parts.size());
    parts.forEach(p -> assertEquals(1, ItemCounts.spans(p)));
  }

  /** Returns "resource/scope/span" for every span in order. */
  private static List<String> describe(ExportTraceServiceRequest request) {
    List<String> spans = new ArrayList<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = resource.getResource().getAttributes(0).getValue().getStringValue();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          spans.add(service + "/" + scope.getScope().getName() + "/" + span.getName());
        }
      }
    }
    return spans;
  }

  private static ExportTraceServiceRequest request(
      int resources, int scopes, int spans, int attributeBytes) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int r = 0; r < resources; r++) {
      ResourceSpans.Builder resource =
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder()
                      .addAttributes(
                          KeyValue.newBuilder()
                              .setKey("service.name")
                              .setValue(AnyValue.newBuilder().setStringValue("svc-" + r))));
      for (int s = 0; s < scopes; s++) {
        ScopeSpans.Builder scope =
            ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib-" + s));
        for (int i = 0; i < spans; i++) {
          scope.addSpans(
              Span.newBuilder()
                  .setName("span-" + i)
                  .setTraceId(ByteString.copyFrom(new byte[16]))
                  .addAttributes(
                      KeyValue.newBuilder()
                          .setKey("payload")
                          .setValue(
                              AnyValue.newBuilder().setStringValue("x".repeat(attributeBytes)))));
        }
        resource.addScopeSpans(scope);
      }
      request.addResourceSpans(resource);
    }
    return request.build();
  }
}
