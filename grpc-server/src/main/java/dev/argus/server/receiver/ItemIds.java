package dev.argus.server.receiver;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * The id rules an item must meet to be accepted. A span needs a 16-byte trace id and an 8-byte span
 * id, neither all zeros (W3C trace context calls those invalid), and an empty or 8-byte parent id.
 * Each of its links needs the same two ids as the span itself: OTLP requires them on a link, and a
 * downstream Collector refuses a request holding an id of the wrong length, so one bad link would
 * otherwise cost every span forwarded with it. A log record may have no ids; when present they must
 * have those lengths.
 */
final class ItemIds {
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_BYTES = 8;

  private ItemIds() {}

  /** Returns what is wrong with the ids of {@code span}, or null when they are valid. */
  static String spanProblem(Span span) {
    String problem = required("traceId", span.getTraceId(), TRACE_ID_BYTES);
    if (problem == null) {
      problem = required("spanId", span.getSpanId(), SPAN_ID_BYTES);
    }
    if (problem == null && !span.getParentSpanId().isEmpty()) {
      problem = length("parentSpanId", span.getParentSpanId(), SPAN_ID_BYTES);
    }
    if (problem == null && span.getLinksCount() > 0) {
      problem = linksProblem(span);
    }
    return problem;
  }

  /** Returns what is wrong with the ids of {@code record}, or null when they are valid. */
  static String logRecordProblem(LogRecord record) {
    String problem = null;
    if (!record.getTraceId().isEmpty()) {
      problem = length("traceId", record.getTraceId(), TRACE_ID_BYTES);
    }
    if (problem == null && !record.getSpanId().isEmpty()) {
      problem = length("spanId", record.getSpanId(), SPAN_ID_BYTES);
    }
    return problem;
  }

  // Links are rare: a span without them allocates nothing here, a valid link nothing either.
  private static String linksProblem(Span span) {
    for (int i = 0; i < span.getLinksCount(); i++) {
      Span.Link link = span.getLinks(i);
      String problem = required("traceId", link.getTraceId(), TRACE_ID_BYTES);
      if (problem == null) {
        problem = required("spanId", link.getSpanId(), SPAN_ID_BYTES);
      }
      if (problem != null) {
        return "links[" + i + "]." + problem;
      }
    }
    return null;
  }

  private static String required(String field, ByteString id, int bytes) {
    if (id.isEmpty()) {
      return field + " is empty";
    }
    String problem = length(field, id, bytes);
    if (problem == null && allZero(id)) {
      return field + " is all zeros";
    }
    return problem;
  }

  private static String length(String field, ByteString id, int bytes) {
    if (id.size() == bytes) {
      return null;
    }
    return field
        + " is "
        + id.size()
        + " bytes (expected: "
        + bytes
        + " bytes, "
        + bytes * 2
        + " hex characters)";
  }

  private static boolean allZero(ByteString id) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
