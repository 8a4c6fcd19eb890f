package dev.argus.server.receiver;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.concurrent.CompletableFuture;

/** What a receiver hands each accepted trace request to. Implementations are thread-safe. */
public interface TraceRequestHandler {

  /**
   * Takes responsibility for {@code request}. The future completes once the request is safely
   * delivered, and fails with an {@link dev.argus.server.export.ExportException} when it is not.
   */
  CompletableFuture<ExportTraceServiceResponse> handle(ExportTraceServiceRequest request);
}
