package dev.argus.server.export;

import java.util.Objects;

/**
 * How requests travel to the destination: the sending queue, the retry policy and the largest
 * request the downstream accepts.
 *
 * @param sendingQueue {@code exporter.sending_queue}
 * @param retry {@code exporter.retry_on_failure}
 * @param maxSendMsgSizeBytes larger requests are split before they are sent
 */
public record DeliveryConfig(
    SendingQueueConfig sendingQueue, RetryConfig retry, int maxSendMsgSizeBytes) {

  /** Default largest request sent downstream: 4 MiB, what a gRPC server accepts by default. */
  public static final int DEFAULT_MAX_SEND_MSG_SIZE_BYTES = 4 * 1024 * 1024;

  /** The defaults: synchronous forwarding, Collector retry intervals, 4 MiB requests. */
  public static final DeliveryConfig DEFAULT =
      new DeliveryConfig(
          SendingQueueConfig.SYNC, RetryConfig.DEFAULT, DEFAULT_MAX_SEND_MSG_SIZE_BYTES);

  /** Validates the components. */
  public DeliveryConfig {
    Objects.requireNonNull(sendingQueue, "sendingQueue");
    Objects.requireNonNull(retry, "retry");
    if (maxSendMsgSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "max_send_msg_size: " + maxSendMsgSizeBytes + " (expected: > 0)");
    }
  }
}
