package dev.argus.server.export;

import dev.argus.server.log.ThrottledWarning;
import dev.argus.server.otlp.ItemCounts;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards each log request synchronously, as {@link SyncTraceExporter} does for traces, and counts
 * what the downstream accepted, so that the log-record delivery counters move without a sending
 * queue too. The downstream's response, partial success included, reaches the caller unchanged. The
 * destination is shared with the traces and is not closed here. Thread-safe.
 */
public final class SyncLogExporter implements LogExporter {
  private static final Logger logger = Logger.getLogger(SyncLogExporter.class.getName());

  private final LogExporter destination;
  private final DeliveryStats stats = new DeliveryStats();
  private final ThrottledWarning rejected =
      new ThrottledWarning(logger, Level.WARNING, Duration.ofMinutes(1), System::nanoTime);
  private final ThrottledWarning message =
      new ThrottledWarning(logger, Level.INFO, Duration.ofMinutes(1), System::nanoTime);

  /** Creates an exporter that forwards through {@code destination}. */
  public SyncLogExporter(LogExporter destination) {
    this.destination = Objects.requireNonNull(destination, "destination");
  }

  @Override
  public CompletableFuture<ExportLogsServiceResponse> export(ExportLogsServiceRequest request) {
    return destination
        .export(request)
        .thenApply(
            response -> {
              stats.deliveredRequests.increment();
              stats.deliveredItems.add(ItemCounts.logRecords(request));
              RetryingSender.recordPartialSuccess(
                  PartialSuccess.of(response), stats, rejected, message, "log records");
              return response;
            });
  }

  /** Returns the counters. */
  public DeliveryStats stats() {
    return stats;
  }

  @Override
  public String describe() {
    return destination.describe();
  }

  /** Does nothing: the destination is closed with the trace exporter that shares it. */
  @Override
  public void close() {}
}
