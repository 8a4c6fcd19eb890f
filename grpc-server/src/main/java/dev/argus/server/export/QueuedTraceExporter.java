package dev.argus.server.export;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Puts trace requests into a {@link SendingQueue} in front of another exporter. A request is
 * acknowledged once it is in the queue (memory) or durable in its write-ahead log (persistent); a
 * request the queue cannot take fails retryably. Requests larger than the downstream's maximum
 * message size are split before they are queued, so each part is retried on its own.
 */
public final class QueuedTraceExporter implements TraceExporter {
  private final TraceExporter exporter;
  private final SendingQueue<ExportTraceServiceRequest> queue;
  private final int maxRequestBytes;

  /**
   * Starts a queue in front of {@code exporter}, which it closes on {@link #close}.
   *
   * @param maxRequestBytes largest request the downstream accepts
   * @throws IOException when the write-ahead log cannot be opened
   */
  public QueuedTraceExporter(
      TraceExporter exporter, SendingQueueConfig queue, RetryConfig retry, int maxRequestBytes)
      throws IOException {
    this(
        exporter, SendingQueue.start(queue, retry, new TraceDownstream(exporter)), maxRequestBytes);
  }

  QueuedTraceExporter(
      TraceExporter exporter, SendingQueue<ExportTraceServiceRequest> queue, int maxRequestBytes) {
    this.exporter = Objects.requireNonNull(exporter, "exporter");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
    try {
      queue.offer(TraceRequestSplitter.split(request, maxRequestBytes));
    } catch (ExportException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
  }

  /** Returns the queue's counters. */
  public DeliveryStats stats() {
    return queue.stats();
  }

  /** Returns the number of requests queued or being sent. */
  public int queued() {
    return queue.size();
  }

  @Override
  public String describe() {
    return exporter.describe()
        + " via "
        + queue.config().mode()
        + " sending queue"
        + (queue.config().persistent() ? " in " + queue.config().storage() : "");
  }

  /** Drains the queue for up to its drain timeout, then closes the exporter. */
  @Override
  public void close() {
    queue.close();
    exporter.close();
  }
}
