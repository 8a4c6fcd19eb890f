package dev.argus.server.export;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends log export requests to their next destination. Implementations are thread-safe.
 *
 * <p>The returned future completes only once the destination has accepted the request. It fails
 * with an {@link ExportException} that tells whether the same request may succeed if sent again.
 */
public interface LogExporter extends AutoCloseable {

  /** Sends {@code request}; the future holds the destination's response. */
  CompletableFuture<ExportLogsServiceResponse> export(ExportLogsServiceRequest request);

  /** Returns a short description of the destination for logs, without secrets. */
  String describe();

  /** Releases connections and files; requests still in flight may fail. */
  @Override
  void close();
}
