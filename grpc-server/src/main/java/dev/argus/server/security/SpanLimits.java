package dev.argus.server.security;

import dev.argus.server.receiver.TraceRequestHandler;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rejects the spans that carry more attributes than {@code max_attributes_per_span}, before any
 * work is spent on them, and passes their batch-mates on. The sender receives an OTLP partial
 * success whose {@code rejected_spans} counts the dropped spans and whose message names each of
 * them (up to {@value #MAX_NAMED}) and the limit; sending them again cannot succeed, and the rest
 * of the request is not lost. Thread-safe.
 */
public final class SpanLimits implements TraceRequestHandler {
  /** Default {@code max_attributes_per_span}: 1024, eight times the OpenTelemetry SDK default. */
  public static final int DEFAULT_MAX_ATTRIBUTES_PER_SPAN = 1024;

  /** Most spans named in one answer's message; the rest are only counted. */
  static final int MAX_NAMED = 10;

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
    if (maxAttributesPerSpan == 0 || !hasViolation(request)) {
      return next.handle(request);
    }
    List<String> named = new ArrayList<>();
    ExportTraceServiceRequest.Builder kept = ExportTraceServiceRequest.newBuilder();
    int rejected = 0;
    int keptSpans = 0;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resource = request.getResourceSpans(r);
      ResourceSpans.Builder keptResource = resource.toBuilder().clearScopeSpans();
      for (int s = 0; s < resource.getScopeSpansCount(); s++) {
        ScopeSpans scope = resource.getScopeSpans(s);
        ScopeSpans.Builder keptScope = scope.toBuilder().clearSpans();
        for (int i = 0; i < scope.getSpansCount(); i++) {
          Span span = scope.getSpans(i);
          if (span.getAttributesCount() <= maxAttributesPerSpan) {
            keptScope.addSpans(span);
            continue;
          }
          rejected++;
          if (named.size() < MAX_NAMED) {
            named.add(
                "resourceSpans["
                    + r
                    + "].scopeSpans["
                    + s
                    + "].spans["
                    + i
                    + "] has "
                    + span.getAttributesCount()
                    + " attributes");
          }
        }
        if (keptScope.getSpansCount() > 0) {
          keptSpans += keptScope.getSpansCount();
          keptResource.addScopeSpans(keptScope);
        }
      }
      if (keptResource.getScopeSpansCount() > 0) {
        kept.addResourceSpans(keptResource);
      }
    }
    refused.add(rejected);
    String message =
        String.join("; ", named)
            + (rejected > named.size() ? "; and " + (rejected - named.size()) + " more" : "")
            + " (limit receivers.otlp.max_attributes_per_span="
            + maxAttributesPerSpan
            + ")";
    long rejectedSpans = rejected;
    CompletableFuture<ExportTraceServiceResponse> handled =
        keptSpans == 0
            ? CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance())
            : next.handle(kept.build());
    return handled.thenApply(
        response -> {
          ExportTracePartialSuccess previous = response.getPartialSuccess();
          String previousMessage = previous.getErrorMessage();
          return response.toBuilder()
              .setPartialSuccess(
                  ExportTracePartialSuccess.newBuilder()
                      .setRejectedSpans(previous.getRejectedSpans() + rejectedSpans)
                      .setErrorMessage(
                          previousMessage.isEmpty() ? message : message + "; " + previousMessage))
              .build();
        });
  }

  /** Returns the number of spans rejected for carrying too many attributes. */
  public long refusedCount() {
    return refused.sum();
  }

  private boolean hasViolation(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          if (span.getAttributesCount() > maxAttributesPerSpan) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
