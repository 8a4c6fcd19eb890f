package dev.argus.server.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/** Counts the items of OTLP export requests: spans, or log records. */
public final class ItemCounts {
  private ItemCounts() {}

  /** Returns the number of spans in {@code request}. */
  public static long spans(ExportTraceServiceRequest request) {
    long spans = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        spans += scopeSpans.getSpansCount();
      }
    }
    return spans;
  }

  /** Returns the number of log records in {@code request}. */
  public static long logRecords(ExportLogsServiceRequest request) {
    long records = 0;
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        records += scopeLogs.getLogRecordsCount();
      }
    }
    return records;
  }
}
