package dev.argus.server.export;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/** Counts the spans its delegate's destination accepted. Thread-safe. */
public final class CountingTraceExporter implements TraceExporter {
  private final TraceExporter delegate;
  private final LongAdder forwardedSpans = new LongAdder();

  /** Wraps {@code delegate}. */
  public CountingTraceExporter(TraceExporter delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
    return delegate
        .export(request)
        .whenComplete(
            (response, failure) -> {
              if (failure == null) {
                forwardedSpans.add(spanCount(request));
              }
            });
  }

  /** Returns the number of spans the destination accepted. */
  public long forwardedSpanCount() {
    return forwardedSpans.sum();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static long spanCount(ExportTraceServiceRequest request) {
    long count = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        count += scope.getSpansCount();
      }
    }
    return count;
  }
}
