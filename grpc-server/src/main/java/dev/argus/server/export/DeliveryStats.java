package dev.argus.server.export;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one sending queue. Items are spans or log records; requests are export requests.
 * Thread-safe.
 */
public final class DeliveryStats {
  final LongAdder acceptedRequests = new LongAdder();
  final LongAdder acceptedItems = new LongAdder();
  final LongAdder refusedRequests = new LongAdder();
  final LongAdder refusedItems = new LongAdder();
  final LongAdder deliveredRequests = new LongAdder();
  final LongAdder deliveredItems = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder permanentFailureItems = new LongAdder();
  final LongAdder expiredItems = new LongAdder();
  final LongAdder rejectedByDownstreamItems = new LongAdder();
  final LongAdder recoveredRequests = new LongAdder();
  final LongAdder corruptRecords = new LongAdder();
  final LongAdder corruptBytes = new LongAdder();
  final LongAdder lostAtShutdownRequests = new LongAdder();

  /** Returns the number of requests taken into the queue and acknowledged upstream. */
  public long acceptedRequests() {
    return acceptedRequests.sum();
  }

  /** Returns the number of items taken into the queue and acknowledged upstream. */
  public long acceptedItems() {
    return acceptedItems.sum();
  }

  /** Returns the number of requests refused retryably because the queue or disk was full. */
  public long refusedRequests() {
    return refusedRequests.sum();
  }

  /** Returns the number of items in refused requests. */
  public long refusedItems() {
    return refusedItems.sum();
  }

  /** Returns the number of requests the downstream accepted (fully or partially). */
  public long deliveredRequests() {
    return deliveredRequests.sum();
  }

  /** Returns the number of items in requests the downstream accepted. */
  public long deliveredItems() {
    return deliveredItems.sum();
  }

  /** Returns the number of attempts after the first one. */
  public long retries() {
    return retries.sum();
  }

  /** Returns the number of items dropped because the downstream answered a permanent error. */
  public long permanentFailureItems() {
    return permanentFailureItems.sum();
  }

  /** Returns the number of items dropped after retrying for the maximum elapsed time. */
  public long expiredItems() {
    return expiredItems.sum();
  }

  /** Returns the number of items the downstream reported as rejected in a partial success. */
  public long rejectedByDownstreamItems() {
    return rejectedByDownstreamItems.sum();
  }

  /** Returns the number of requests found in the write-ahead log at startup and resent. */
  public long recoveredRequests() {
    return recoveredRequests.sum();
  }

  /** Returns the number of corrupt regions found in the write-ahead log and skipped. */
  public long corruptRecords() {
    return corruptRecords.sum();
  }

  /** Returns the number of bytes of the write-ahead log skipped as corrupt. */
  public long corruptBytes() {
    return corruptBytes.sum();
  }

  /** Returns the number of queued requests a memory queue still held when shutdown ended. */
  public long lostAtShutdownRequests() {
    return lostAtShutdownRequests.sum();
  }

  /** Returns the counters as {@code key=value} pairs for the log. */
  public String describe() {
    return "accepted_requests="
        + acceptedRequests()
        + " accepted_items="
        + acceptedItems()
        + " refused_requests="
        + refusedRequests()
        + " delivered_requests="
        + deliveredRequests()
        + " delivered_items="
        + deliveredItems()
        + " retries="
        + retries()
        + " permanent_failure_items="
        + permanentFailureItems()
        + " expired_items="
        + expiredItems()
        + " rejected_by_downstream_items="
        + rejectedByDownstreamItems()
        + " recovered_requests="
        + recoveredRequests()
        + " corrupt_records="
        + corruptRecords()
        + " lost_at_shutdown_requests="
        + lostAtShutdownRequests();
  }
}
