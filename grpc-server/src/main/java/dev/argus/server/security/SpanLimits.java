package dev.argus.server.security;

import dev.argus.server.export.ExportException;
import dev.argus.server.receiver.TraceRequestHandler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Refuses trace requests with a span that carries more attributes than {@code
 * max_attributes_per_span}, before any work is spent on them. The sender receives a permanent
 * error ({@code INVALID_ARGUMENT} / HTTP 400) that names the span and the limit, since sending the
 * same data again cannot succeed. Thread-safe.
 */
public final class SpanLimits implements TraceRequestHandler {
  /** Default {@code max_attributes_per_span}: 1024, eight times the OpenTelemetry SDK default. */
  public static final int DEFAULT_MAX_ATTRIBUTES_PER_SPAN = 1024;

  private final TraceRequestHandler next;
  private final int maxAttributesPerSpan;
  private final LongAdder refused = new LongAdder();

  /** Creates a check in front of {@code next}; 0 disables it. */
  public SpanLimits(TraceRequestHandler next, int maxAttributesPerSpan) {
    this.next = Objects.requireNonNull(next, "next");
    if (maxAttributesPerSpan < 0) {
      throw new IllegalArgumentException(
          "max_attributes_per_span: " + maxAttributesPerSpan + " (expected: >= 0)");
    }
    this.maxAttributesPerSpan = maxAttributesPerSpan;
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> handle(ExportTraceServiceRequest request) {
    String violation = maxAttributesPerSpan == 0 ? null : firstViolation(request);
    if (violation != null) {
      refused.increment();
      return CompletableFuture.failedFuture(new ExportException(false, violation, null));
    }
    return next.handle(request);
  }

  /** Returns the number of requests refused. */
  public long refusedCount() {
    return refused.sum();
  }

  private String firstViolation(ExportTraceServiceRequest request) {
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resource = request.getResourceSpans(r);
      for (int s = 0; s < resource.getScopeSpansCount(); s++) {
        ScopeSpans scope = resource.getScopeSpans(s);
        for (int i = 0; i < scope.getSpansCount(); i++) {
          Span span = scope.getSpans(i);
          if (span.getAttributesCount() > maxAttributesPerSpan) {
            return "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "] has "
                + span.getAttributesCount() + " attributes (limit"
                + " receivers.otlp.max_attributes_per_span=" + maxAttributesPerSpan + ")";
          }
        }
      }
    }
    return null;
  }
}
