package dev.argus.server.receiver;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.concurrent.CompletableFuture;

/** What a receiver hands each accepted log request to. Implementations are thread-safe. */
public interface LogRequestHandler {

  /**
   * Takes responsibility for {@code request}. The future completes once the request is safely
   * delivered, and fails with an {@link dev.argus.server.export.ExportException} when it is not.
   */
  CompletableFuture<ExportLogsServiceResponse> handle(ExportLogsServiceRequest request);
}
