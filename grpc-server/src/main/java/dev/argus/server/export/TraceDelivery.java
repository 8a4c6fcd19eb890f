package dev.argus.server.export;

import java.io.IOException;

/** Builds the exporter chain that {@link DeliveryConfig} describes. */
public final class TraceDelivery {
  private TraceDelivery() {}

  /**
   * Returns {@code destination} behind a sending queue when one is enabled, or behind synchronous
   * forwarding otherwise. Closing the result drains the queue and closes {@code destination}.
   *
   * @throws IOException when the write-ahead log cannot be opened
   */
  public static TraceExporter create(DeliveryConfig config, TraceExporter destination)
      throws IOException {
    if (!config.sendingQueue().enabled()) {
      return new SyncTraceExporter(destination, config.maxSendMsgSizeBytes());
    }
    return new QueuedTraceExporter(
        destination,
        config.sendingQueue().forSignal("traces"),
        config.retry(),
        config.maxSendMsgSizeBytes());
  }
}
