package dev.argus.server.join;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace request divided into the spans that go on now and, per held trace, the spans that wait.
 * Every part keeps the resource and scope envelopes of its spans, so it is a complete request.
 *
 * @param now the spans of traces that are not held (possibly no span at all)
 * @param held for each held trace id, the request holding that trace's spans
 */
record TraceSplit(ExportTraceServiceRequest now, Map<ByteString, ExportTraceServiceRequest> held) {

  /** Splits {@code request}, holding every span whose trace id is in {@code heldTraces}. */
  static TraceSplit of(ExportTraceServiceRequest request, Set<ByteString> heldTraces) {
    Map<ByteString, ExportTraceServiceRequest.Builder> parts = new LinkedHashMap<>();
    ExportTraceServiceRequest.Builder now = ExportTraceServiceRequest.newBuilder();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<ByteString, ResourceSpans.Builder> resources = new LinkedHashMap<>();
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        Map<ByteString, List<Span>> byPart = new LinkedHashMap<>();
        for (Span span : scopeSpans.getSpansList()) {
          ByteString part = heldTraces.contains(span.getTraceId()) ? span.getTraceId() : NOW;
          byPart.computeIfAbsent(part, k -> new ArrayList<>()).add(span);
        }
        for (Map.Entry<ByteString, List<Span>> entry : byPart.entrySet()) {
          resources
              .computeIfAbsent(entry.getKey(), k -> resourceSpans.toBuilder().clearScopeSpans())
              .addScopeSpans(scopeSpans.toBuilder().clearSpans().addAllSpans(entry.getValue()));
        }
      }
      for (Map.Entry<ByteString, ResourceSpans.Builder> entry : resources.entrySet()) {
        ExportTraceServiceRequest.Builder target =
            entry.getKey() == NOW
                ? now
                : parts.computeIfAbsent(
                    entry.getKey(), k -> ExportTraceServiceRequest.newBuilder());
        target.addResourceSpans(entry.getValue());
      }
    }
    Map<ByteString, ExportTraceServiceRequest> held = new LinkedHashMap<>();
    parts.forEach((traceId, part) -> held.put(traceId, part.build()));
    return new TraceSplit(now.build(), held);
  }

  // Trace ids are 16 bytes, so this 1-byte key never collides with one; compared by identity.
  private static final ByteString NOW = ByteString.copyFrom(new byte[] {0});
}
