package dev.argus.server.join;

import com.google.protobuf.ByteString;
import dev.argus.semconv.GenAiEvents;
import dev.argus.semconv.extract.LogJoin;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Set;

/**
 * Recognises the log records that carry gen-AI content for a span: the event name ({@code
 * eventName} field, else the {@code event.name} attribute) is a gen-AI content event and the record
 * has a 16-byte trace id and an 8-byte span id.
 */
final class GenAiRecords {
  private static final String EVENT_NAME = "event.name";

  /** Events that carry the model's output; once one arrived, the span's content is complete. */
  @SuppressWarnings("deprecation")
  private static final Set<String> OUTPUT_EVENTS =
      Set.of(
          GenAiEvents.GEN_AI_CHOICE,
          GenAiEvents.GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS,
          GenAiEvents.GEN_AI_CONTENT_COMPLETION);

  private GenAiRecords() {}

  /** Returns true when {@code record} is a gen-AI content event that names its span. */
  static boolean isContent(LogRecord record) {
    return LogJoin.isGenAiEvent(record);
  }

  /** Returns true when {@code record} carries the model's output. */
  static boolean isOutput(LogRecord record) {
    return OUTPUT_EVENTS.contains(eventName(record));
  }

  /** Returns the key that joins a record to its span: trace id followed by span id. */
  static ByteString key(LogRecord record) {
    return record.getTraceId().concat(record.getSpanId());
  }

  /** Returns the key of {@code span}, equal to {@link #key(LogRecord)} of its records. */
  static ByteString key(Span span) {
    return span.getTraceId().concat(span.getSpanId());
  }

  private static String eventName(LogRecord record) {
    if (!record.getEventName().isEmpty()) {
      return record.getEventName();
    }
    for (KeyValue attribute : record.getAttributesList()) {
      if (EVENT_NAME.equals(attribute.getKey())) {
        return attribute.getValue().getStringValue();
      }
    }
    return "";
  }
}
