package dev.argus.server.export;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Puts log requests into their own {@link SendingQueue} (and write-ahead log, in subfolder {@code
 * logs}) in front of a log exporter, with the same guarantees as {@link QueuedTraceExporter}: a
 * request is acknowledged once kept, refused retryably when the queue is full. The destination is
 * shared with the traces and is not closed here.
 */
public final class QueuedLogExporter implements LogExporter {
  private final SendingQueue<ExportLogsServiceRequest> queue;
  private final String description;

  /**
   * Starts a queue that sends through {@code destination}.
   *
   * @throws IOException when the write-ahead log cannot be opened
   */
  public QueuedLogExporter(DeliveryConfig config, LogExporter destination) throws IOException {
    this(config, new LogDownstream(destination::export, destination.describe()));
  }

  /**
   * Starts a queue that sends through {@code downstream}.
   *
   * @throws IOException when the write-ahead log cannot be opened
   */
  public QueuedLogExporter(DeliveryConfig config, LogDownstream downstream) throws IOException {
    Objects.requireNonNull(downstream, "downstream");
    this.queue =
        SendingQueue.start(config.sendingQueue().forSignal("logs"), config.retry(), downstream);
    this.description =
        downstream.describe() + " via " + config.sendingQueue().mode() + " sending queue";
  }

  @Override
  public CompletableFuture<ExportLogsServiceResponse> export(ExportLogsServiceRequest request) {
    try {
      queue.offer(List.of(request));
    } catch (ExportException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(ExportLogsServiceResponse.getDefaultInstance());
  }

  /** Returns the queue's counters. */
  public DeliveryStats stats() {
    return queue.stats();
  }

  @Override
  public String describe() {
    return description;
  }

  /** Drains the queue for up to its drain timeout; what is left stays in the log (persistent). */
  @Override
  public void close() {
    queue.close();
  }
}
