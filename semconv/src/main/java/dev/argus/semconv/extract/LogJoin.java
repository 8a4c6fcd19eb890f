package dev.argus.semconv.extract;

import com.google.protobuf.ByteString;
import dev.argus.semconv.GenAiEvents;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gen-AI event log records indexed by the span they belong to (trace id + span id), so that content
 * the official instrumentations send as OTLP logs can be read together with the span. Only records
 * whose event name ({@code eventName} field or {@code event.name} attribute) is one of {@link
 * GenAiEvents#CONTENT_EVENTS} and that carry valid ids are kept. Immutable once built; not
 * thread-safe while being built.
 */
public final class LogJoin {
  private static final LogJoin EMPTY = new LogJoin();

  private final Map<ByteString, List<LogRecord>> bySpan = new HashMap<>();

  private LogJoin() {}

  /** Returns a join with no records. */
  public static LogJoin empty() {
    return EMPTY;
  }

  /** Indexes the gen-AI event records of {@code requests}, in request order. */
  public static LogJoin of(ExportLogsServiceRequest... requests) {
    LogJoin join = new LogJoin();
    for (ExportLogsServiceRequest request : requests) {
      for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          scopeLogs.getLogRecordsList().forEach(join::add);
        }
      }
    }
    return join;
  }

  /** Indexes the gen-AI event records among {@code records}, in list order. */
  public static LogJoin of(List<LogRecord> records) {
    LogJoin join = new LogJoin();
    records.forEach(join::add);
    return join;
  }

  /**
   * Returns true when {@code record} is a gen-AI content event that can be joined to a span
   * (16-byte trace id and 8-byte span id).
   */
  public static boolean isGenAiEvent(LogRecord record) {
    return record.getTraceId().size() == 16
        && record.getSpanId().size() == 8
        && GenAiEvents.CONTENT_EVENTS.contains(ContentEvent.eventName(record));
  }

  /** Returns the records joined to {@code span}, in arrival order; empty when none. */
  public List<LogRecord> recordsFor(Span span) {
    return recordsFor(span.getTraceId(), span.getSpanId());
  }

  /** Returns the records joined to the span with these ids, in arrival order. */
  public List<LogRecord> recordsFor(ByteString traceId, ByteString spanId) {
    if (bySpan.isEmpty()) {
      return List.of();
    }
    List<LogRecord> records = bySpan.get(traceId.concat(spanId));
    return records == null ? List.of() : records;
  }

  /** Returns true when no record was joined. */
  public boolean isEmpty() {
    return bySpan.isEmpty();
  }

  private void add(LogRecord record) {
    if (isGenAiEvent(record)) {
      bySpan
          .computeIfAbsent(record.getTraceId().concat(record.getSpanId()), k -> new ArrayList<>())
          .add(record);
    }
  }
}
