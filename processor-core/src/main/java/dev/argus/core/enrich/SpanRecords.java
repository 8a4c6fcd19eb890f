package dev.argus.core.enrich;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * Finds the gen-AI event log records that belong to a span (same trace id and span id), for content
 * that instrumentations send as OTLP logs rather than on the span.
 */
@FunctionalInterface
public interface SpanRecords {

  /** No records for any span. */
  SpanRecords NONE = span -> List.of();

  /** Returns the records joined to {@code span} in arrival order; empty when there are none. */
  List<LogRecord> recordsFor(Span span);

  /**
   * Returns true when {@code span} was held waiting for its content records and none arrived in
   * time: a span without content is then reported as not received rather than not captured.
   */
  default boolean contentOverdue(Span span) {
    return false;
  }
}
