package dev.argus.semconv.extract;

import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers, for a short while, how a span instance was read on its own (without joined log
 * records), so the next pass over the same instance can take the reading instead of parsing the
 * content again. A receiver that first asks whether a span awaits log content and then evaluates
 * the same request reads each span once.
 *
 * <p>A fixed number of slots chosen by identity hash: a colliding span replaces the older reading,
 * which then is simply read again. Lookups compare instances, never contents, and a reading is
 * handed out at most once, so the memory it holds is released when it is used. An extractor reads
 * an immutable span always the same way, so a reading is as good as a fresh one. Thread-safe and
 * lock-free.
 */
final class RecentReadings {

  /**
   * How a span was read: its view, the convention that recognised it and the call it yielded (both
   * null for a span no convention recognises).
   */
  record Reading(Span span, SpanView view, ConventionExtractor extractor, GenAiCall call) {}

  private final AtomicReferenceArray<Reading> slots;
  private final int mask;

  /** Creates a memo of {@code slots} entries, rounded up to a power of two. */
  RecentReadings(int slots) {
    int size = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /** Remembers {@code reading}, replacing whatever shared its slot. */
  void put(Reading reading) {
    slots.set(slot(reading.span()), reading);
  }

  /** Returns the reading of this very instance and keeps it, or null when there is none. */
  Reading peek(Span span) {
    Reading reading = slots.get(slot(span));
    return reading != null && reading.span() == span ? reading : null;
  }

  /** Returns and forgets the reading of this very instance, or null when there is none. */
  Reading take(Span span) {
    int slot = slot(span);
    Reading reading = slots.get(slot);
    if (reading == null || reading.span() != span) {
      return null;
    }
    return slots.compareAndSet(slot, reading, null) ? reading : null;
  }

  private int slot(Span span) {
    int hash = System.identityHashCode(span);
    return (hash ^ (hash >>> 16)) & mask;
  }
}
