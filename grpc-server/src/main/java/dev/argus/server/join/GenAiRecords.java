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

  /** The event that carries a whole inference (input and output) in one record. */
  private static final String DETAILS = GenAiEvents.GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS;

  /** Events that carry the model's output. */
  @SuppressWarnings("deprecation")
  private static final Set<String> OUTPUT_EVENTS =
      Set.of(GenAiEvents.GEN_AI_CHOICE, GenAiEvents.GEN_AI_CONTENT_COMPLETION);

  /** Events that carry the model's input. */
  @SuppressWarnings("deprecation")
  private static final Set<String> INPUT_EVENTS =
      Set.of(
          GenAiEvents.GEN_AI_SYSTEM_MESSAGE,
          GenAiEvents.GEN_AI_USER_MESSAGE,
          GenAiEvents.GEN_AI_ASSISTANT_MESSAGE,
          GenAiEvents.GEN_AI_TOOL_MESSAGE,
          GenAiEvents.GEN_AI_CONTENT_PROMPT);

  /** What a record contributes to its span's content. */
  enum Part {
    /** Input and output together. */
    WHOLE,
    INPUT,
    OUTPUT
  }

  private GenAiRecords() {}

  /** Returns true when {@code record} is a gen-AI content event that names its span. */
  static boolean isContent(LogRecord record) {
    return LogJoin.isGenAiEvent(record);
  }

  /** Returns what {@code record}, a content record, carries. */
  static Part part(LogRecord record) {
    String name = eventName(record);
    if (name.equals(DETAILS)) {
      return Part.WHOLE;
    }
    if (OUTPUT_EVENTS.contains(name)) {
      return Part.OUTPUT;
    }
    return INPUT_EVENTS.contains(name) ? Part.INPUT : null;
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
