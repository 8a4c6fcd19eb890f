package dev.argus.server.receiver;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts what the receivers accepted, rejected and repaired, shared by every transport, and warns
 * about bad input at most once a minute with the counts since the last warning. Warnings name the
 * position of an item and what was wrong, never a value. Thread-safe.
 */
public final class ReceiverCounters {
  private static final Logger logger = Logger.getLogger(ReceiverCounters.class.getName());
  private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongAdder acceptedSpans = new LongAdder();
  private final LongAdder acceptedLogRecords = new LongAdder();
  private final LongAdder rejectedItems = new LongAdder();
  private final LongAdder repairedValues = new LongAdder();
  private final LongAdder invalidRequests = new LongAdder();
  private final LongAdder emptyTraceRequests = new LongAdder();
  private final LongAdder emptyLogRequests = new LongAdder();
  private final LongAdder unwarned = new LongAdder();
  private final AtomicLong lastWarnNanos = new AtomicLong();
  private final LongSupplier nanoClock;

  /** Creates counters that warn at most once a minute. */
  public ReceiverCounters() {
    this(System::nanoTime);
  }

  ReceiverCounters(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.lastWarnNanos.set(nanoClock.getAsLong() - WARN_INTERVAL_NANOS);
  }

  /**
   * Records {@code items} spans or log records acknowledged to the sender; items of requests
   * refused afterwards, for example because the sending queue was full, are not counted.
   */
  void acknowledged(long items, boolean spans) {
    (spans ? acceptedSpans : acceptedLogRecords).add(items);
  }

  /** Records the problems found while decoding one request, and whether it had no items at all. */
  void decoded(Decoded<?> decoded, boolean spans) {
    // Accepted as OTLP asks, but worth seeing: it is also what another signal's JSON body sent to
    // this path decodes to, its unknown fields ignored.
    if (decoded.acceptedItems() == 0 && decoded.rejectedItems() == 0) {
      (spans ? emptyTraceRequests : emptyLogRequests).increment();
    }
    if (decoded.rejectedItems() == 0 && decoded.repairedValues() == 0) {
      return;
    }
    rejectedItems.add(decoded.rejectedItems());
    repairedValues.add(decoded.repairedValues());
    String detail =
        decoded.rejectedItems() > 0
            ? " last_problem=\"" + LoggedProblem.of(decoded.problems().get(0)) + "\""
            : "";
    warn("bad input in OTLP requests: items rejected or string values repaired" + detail);
  }

  /** Records a request that could not be read at all. */
  void invalid(String reason) {
    invalidRequests.increment();
    warn("unreadable OTLP request rejected reason=\"" + LoggedProblem.of(reason) + "\"");
  }

  private void warn(String message) {
    unwarned.increment();
    long now = nanoClock.getAsLong();
    long last = lastWarnNanos.get();
    if (now - last < WARN_INTERVAL_NANOS || !lastWarnNanos.compareAndSet(last, now)) {
      return;
    }
    logger.log(
        Level.WARNING,
        message
            + " occurrences="
            + unwarned.sumThenReset()
            + " rejected_items_total="
            + rejectedItems.sum()
            + " repaired_values_total="
            + repairedValues.sum()
            + " invalid_requests_total="
            + invalidRequests.sum());
  }

  /** Returns the number of spans the receivers acknowledged. */
  public long acceptedSpanCount() {
    return acceptedSpans.sum();
  }

  /** Returns the number of log records the receivers acknowledged. */
  public long acceptedLogRecordCount() {
    return acceptedLogRecords.sum();
  }

  /** Returns the number of spans and log records rejected as malformed. */
  public long rejectedItemCount() {
    return rejectedItems.sum();
  }

  /** Returns the number of string values whose invalid UTF-8 or lone surrogates were replaced. */
  public long repairedValueCount() {
    return repairedValues.sum();
  }

  /** Returns the number of requests rejected as a whole because they could not be read. */
  public long invalidRequestCount() {
    return invalidRequests.sum();
  }

  /** Returns the number of trace requests that held no span, well-formed or not. */
  public long emptyTraceRequestCount() {
    return emptyTraceRequests.sum();
  }

  /** Returns the number of log requests that held no log record, well-formed or not. */
  public long emptyLogRequestCount() {
    return emptyLogRequests.sum();
  }
}
