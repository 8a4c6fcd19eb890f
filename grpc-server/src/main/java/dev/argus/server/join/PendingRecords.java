package dev.argus.server.join;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Copies of gen-AI content records, kept by span until the span is evaluated, for at most a window
 * and a byte budget (Caffeine, least recently used first). The records themselves are forwarded as
 * soon as they arrive; losing a copy here costs only the join. Thread-safe.
 */
final class PendingRecords {
  private final Cache<ByteString, Bucket> bySpan;

  PendingRecords(Duration window, long maxBytes, Ticker ticker) {
    this.bySpan =
        Caffeine.newBuilder()
            .expireAfterWrite(window)
            .maximumWeight(maxBytes)
            .weigher((ByteString key, Bucket bucket) -> bucket.bytes)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /** Adds {@code record}, which must satisfy {@link GenAiRecords#isContent}. */
  void add(LogRecord record) {
    bySpan.asMap().compute(GenAiRecords.key(record), (key, bucket) -> Bucket.with(bucket, record));
  }

  /** Returns true when some record of the span with this key is kept. */
  boolean has(ByteString spanKey) {
    return bySpan.getIfPresent(spanKey) != null;
  }

  /** Returns the records of {@code span} in arrival order; empty when none. */
  List<LogRecord> recordsFor(Span span) {
    Bucket bucket = bySpan.getIfPresent(GenAiRecords.key(span));
    return bucket == null ? List.of() : bucket.records;
  }

  /**
   * Returns true when the content of the span with this key looks complete: a details record, or
   * both an input message and an output record. Records of one call may come in separate requests
   * in any order, so an output alone is not enough.
   */
  boolean isComplete(ByteString spanKey) {
    return isComplete(spanKey, false);
  }

  /**
   * As {@link #isComplete(ByteString)}; when {@code failed}, the call ended in an error and no
   * output record will come, so its input records are enough.
   */
  boolean isComplete(ByteString spanKey, boolean failed) {
    Bucket bucket = bySpan.getIfPresent(spanKey);
    return bucket != null && (bucket.whole || (bucket.input && (bucket.output || failed)));
  }

  /** Forgets the records of these spans, once they were evaluated. */
  void removeAll(Collection<ByteString> spanKeys) {
    bySpan.invalidateAll(spanKeys);
  }

  /** Returns the number of spans with records kept, after pending expirations. */
  long size() {
    bySpan.cleanUp();
    return bySpan.estimatedSize();
  }

  /** The records of one span; immutable, replaced on every addition. */
  private static final class Bucket {
    final List<LogRecord> records;
    final boolean whole;
    final boolean input;
    final boolean output;
    final int bytes;

    private Bucket(
        List<LogRecord> records, boolean whole, boolean input, boolean output, int bytes) {
      this.records = records;
      this.whole = whole;
      this.input = input;
      this.output = output;
      this.bytes = bytes;
    }

    static Bucket with(Bucket bucket, LogRecord record) {
      List<LogRecord> records = new ArrayList<>(bucket == null ? 1 : bucket.records.size() + 1);
      if (bucket != null) {
        records.addAll(bucket.records);
      }
      records.add(record);
      GenAiRecords.Part part = GenAiRecords.part(record);
      boolean whole = part == GenAiRecords.Part.WHOLE || (bucket != null && bucket.whole);
      boolean input = part == GenAiRecords.Part.INPUT || (bucket != null && bucket.input);
      boolean output = part == GenAiRecords.Part.OUTPUT || (bucket != null && bucket.output);
      int bytes = (bucket == null ? 0 : bucket.bytes) + record.getSerializedSize();
      return new Bucket(List.copyOf(records), whole, input, output, bytes);
    }
  }
}
