package dev.argus.server.export;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends trace export requests to their next destination. Implementations are thread-safe.
 *
 * <p>The returned future completes only once the destination has accepted the request. It fails
 * with an {@link ExportException} that tells whether the same request may succeed if sent again.
 */
public interface TraceExporter extends AutoCloseable {

  /** Sends {@code request}; the future holds the destination's response. */
  CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request);

  /**
   * Returns the number of bytes {@code request} will be sent as when this exporter already knows
   * them without serialising it (it was received so), or -1; lets a caller that only needs the size
   * skip computing it.
   */
  default int knownSize(ExportTraceServiceRequest request) {
    return -1;
  }

  /** Returns a short description of the destination for logs, without secrets. */
  String describe();

  /** Releases connections and files; requests still in flight may fail. */
  @Override
  void close();
}
