package dev.argus.server.join;

import dev.argus.core.enrich.SpanRecords;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.concurrent.CompletableFuture;

/** Evaluates and forwards a trace request with the log records joined to its spans. */
@FunctionalInterface
public interface JoinedTraceHandler {

  /**
   * Evaluates {@code request}, reading content also from {@code records}, and forwards it; the
   * future completes once the destination accepted it.
   */
  CompletableFuture<ExportTraceServiceResponse> handle(
      ExportTraceServiceRequest request, SpanRecords records);
}
