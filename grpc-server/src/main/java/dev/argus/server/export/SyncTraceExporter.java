package dev.argus.server.export;

import dev.argus.server.log.ThrottledWarning;
import dev.argus.server.otlp.ItemCounts;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards each trace request synchronously: the future completes when the downstream answered, so
 * the sender is acknowledged only for data the downstream accepted, and a failure is handed back
 * for the sender to retry. Requests larger than the downstream's maximum message size are sent in
 * parts; partial successes are counted and logged, never retried.
 */
public final class SyncTraceExporter implements TraceExporter {
  private static final Logger logger = Logger.getLogger(SyncTraceExporter.class.getName());

  private final TraceExporter exporter;
  private final int maxRequestBytes;
  private final DeliveryStats stats = new DeliveryStats();
  private final ThrottledWarning rejected =
      new ThrottledWarning(logger, Level.WARNING, Duration.ofMinutes(1), System::nanoTime);
  private final ThrottledWarning message =
      new ThrottledWarning(logger, Level.INFO, Duration.ofMinutes(1), System::nanoTime);

  /** Creates an exporter that forwards through {@code exporter}, which it closes. */
  public SyncTraceExporter(TraceExporter exporter, int maxRequestBytes) {
    this.exporter = Objects.requireNonNull(exporter, "exporter");
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
    int knownSize = exporter.knownSize(request);
    // A request sent as the bytes it came in has a known size; computing it would cost more.
    List<ExportTraceServiceRequest> parts =
        knownSize >= 0 && knownSize <= maxRequestBytes
            ? List.of(request)
            : TraceRequestSplitter.split(request, maxRequestBytes);
    CompletableFuture<PartialSuccess> result =
        CompletableFuture.completedFuture(PartialSuccess.NONE);
    for (ExportTraceServiceRequest part : parts) {
      CompletableFuture<PartialSuccess> sent = exporter.export(part).thenApply(PartialSuccess::of);
      result = result.thenCombine(sent, PartialSuccess::plus);
    }
    return result.thenApply(
        partial -> {
          stats.deliveredRequests.increment();
          stats.deliveredItems.add(ItemCounts.spans(request));
          RetryingSender.recordPartialSuccess(partial, stats, rejected, message, "spans");
          return response(partial);
        });
  }

  private static ExportTraceServiceResponse response(PartialSuccess partial) {
    if (partial.isFullSuccess()) {
      return ExportTraceServiceResponse.getDefaultInstance();
    }
    // Pass the downstream's word on to the sender, so that it can count rejected spans too.
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(partial.rejected())
                .setErrorMessage(partial.message()))
        .build();
  }

  /** Returns the counters. */
  public DeliveryStats stats() {
    return stats;
  }

  @Override
  public String describe() {
    return exporter.describe();
  }

  @Override
  public void close() {
    exporter.close();
  }
}
