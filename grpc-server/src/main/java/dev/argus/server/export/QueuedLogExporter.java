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
 * request is acknowledged once kept, refused retryably when the queue is full.
 */
public final class QueuedLogExporter implements AutoCloseable {
  private final SendingQueue<ExportLogsServiceRequest> queue;
  private final AutoCloseable exporter;

  /**
   * Starts a queue that sends through {@code downstream}; {@code exporter} is closed on {@link
   * #close}.
   *
   * @throws IOException when the write-ahead log cannot be opened
   */
  public QueuedLogExporter(
      DeliveryConfig config, LogDownstream downstream, AutoCloseable exporter) throws IOException {
    this.queue =
        SendingQueue.start(
            config.sendingQueue().forSignal("logs"),
            config.retry(),
            Objects.requireNonNull(downstream, "downstream"));
    this.exporter = exporter;
  }

  /** Queues {@code request}; the future fails retryably when the queue cannot take it. */
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

  /** Drains the queue for up to its drain timeout, then closes the exporter. */
  @Override
  public void close() throws Exception {
    queue.close();
    if (exporter != null) {
      exporter.close();
    }
  }
}
