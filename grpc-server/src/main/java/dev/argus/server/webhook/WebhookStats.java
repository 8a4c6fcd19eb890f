package dev.argus.server.webhook;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the correction webhooks; cheap to update from any thread. */
public final class WebhookStats {

  final LongAdder events = new LongAdder();
  final LongAdder exhausted = new LongAdder();
  final LongAdder deduplicated = new LongAdder();
  final LongAdder attempts = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder localWritten = new LongAdder();
  final LongAdder localRotations = new LongAdder();
  final LongAdder breakerOpened = new LongAdder();
  final LongAdder invalidIds = new LongAdder();

  /** Returns the events created ({@code evaluation.failed} and {@code correction.exhausted}). */
  public long events() {
    return events.sum();
  }

  /** Returns the {@code correction.exhausted} events created. */
  public long exhausted() {
    return exhausted.sum();
  }

  /** Returns the failed spans that already had an event within the dedupe window. */
  public long deduplicated() {
    return deduplicated.sum();
  }

  /** Returns the HTTP attempts made. */
  public long attempts() {
    return attempts.sum();
  }

  /** Returns the deliveries a subscriber acknowledged with 2xx. */
  public long delivered() {
    return delivered.sum();
  }

  /** Returns the deliveries written to the dead-letter file. */
  public long deadLettered() {
    return deadLettered.sum();
  }

  /**
   * Returns the events or deliveries that did not fit a full queue (they are dead-lettered when a
   * subscriber queue was full, and lost when the dispatch queue was full).
   */
  public long dropped() {
    return dropped.sum();
  }

  /** Returns the events written to the local JSONL file. */
  public long localWritten() {
    return localWritten.sum();
  }

  /**
   * Returns how often the local JSONL file reached its size bound and was moved to {@code
   * <name>.1}, replacing (and so discarding) the events rotated before.
   */
  public long localRotations() {
    return localRotations.sum();
  }

  /** Returns how often a subscriber's circuit breaker opened. */
  public long breakerOpened() {
    return breakerOpened.sum();
  }

  /**
   * Returns the failed spans that got no correction event because their trace or span id was
   * missing, of the wrong length or all zeros: an event must name the span it corrects.
   */
  public long invalidIds() {
    return invalidIds.sum();
  }
}
