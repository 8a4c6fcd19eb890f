package dev.argus.server.export;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a trace request that is larger than the downstream accepts into smaller requests, each
 * span keeping its resource and scope. A single span larger than the limit stays alone in its part;
 * the downstream decides about it.
 */
public final class TraceRequestSplitter {
  private TraceRequestSplitter() {}

  /** Returns {@code request} itself when it fits in {@code maxBytes}, otherwise its parts. */
  public static List<ExportTraceServiceRequest> split(
      ExportTraceServiceRequest request, int maxBytes) {
    if (request.getSerializedSize() <= maxBytes) {
      return List.of(request);
    }
    List<SpanAt> spans = new ArrayList<>();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        for (Span span : resourceSpans.getScopeSpans(s).getSpansList()) {
          spans.add(new SpanAt(r, s, span));
        }
      }
    }
    List<ExportTraceServiceRequest> parts = new ArrayList<>();
    halve(request, spans, maxBytes, parts);
    return parts;
  }

  /** Adds {@code spans} as one part if it fits, else splits them in two halves, recursively. */
  private static void halve(
      ExportTraceServiceRequest original,
      List<SpanAt> spans,
      int maxBytes,
      List<ExportTraceServiceRequest> parts) {
    ExportTraceServiceRequest part = build(original, spans);
    if (spans.size() <= 1 || part.getSerializedSize() <= maxBytes) {
      parts.add(part);
      return;
    }
    int middle = spans.size() / 2;
    halve(original, spans.subList(0, middle), maxBytes, parts);
    halve(original, spans.subList(middle, spans.size()), maxBytes, parts);
  }

  private static ExportTraceServiceRequest build(
      ExportTraceServiceRequest original, List<SpanAt> spans) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    ResourceSpans.Builder resource = null;
    ScopeSpans.Builder scope = null;
    int lastResource = -1;
    int lastScope = -1;
    for (SpanAt at : spans) {
      if (at.resource != lastResource) {
        flush(request, resource, scope);
        ResourceSpans source = original.getResourceSpans(at.resource);
        resource = source.toBuilder().clearScopeSpans();
        scope = null;
        lastResource = at.resource;
        lastScope = -1;
      }
      if (at.scope != lastScope) {
        if (scope != null) {
          resource.addScopeSpans(scope);
        }
        scope =
            original.getResourceSpans(at.resource).getScopeSpans(at.scope).toBuilder().clearSpans();
        lastScope = at.scope;
      }
      scope.addSpans(at.span);
    }
    flush(request, resource, scope);
    return request.build();
  }

  private static void flush(
      ExportTraceServiceRequest.Builder request,
      ResourceSpans.Builder resource,
      ScopeSpans.Builder scope) {
    if (resource == null) {
      return;
    }
    if (scope != null) {
      resource.addScopeSpans(scope);
    }
    request.addResourceSpans(resource);
  }

  private record SpanAt(int resource, int scope, Span span) {}
}
