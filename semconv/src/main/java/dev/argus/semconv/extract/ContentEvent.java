package dev.argus.semconv.extract;

import dev.argus.semconv.GenAiAttributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A gen-AI event attached to a span, whether it arrived as a span event or as an OTLP log record
 * joined to the span. Log records carry content in their body; span events cannot, so producers put
 * it in attributes instead.
 *
 * @param name the event name
 * @param attributes the event attributes
 * @param body the log record body, or null for a span event or an empty body
 * @param timeUnixNano the event time, used to keep joined records in order
 * @param fromLog true when the event came from a log record
 */
record ContentEvent(
    String name, AttributeMap attributes, AnyValue body, long timeUnixNano, boolean fromLog) {

  static ContentEvent of(Span.Event event) {
    return new ContentEvent(
        event.getName(),
        AttributeMap.of(event.getAttributesList()),
        null,
        event.getTimeUnixNano(),
        false);
  }

  static ContentEvent of(LogRecord record) {
    AttributeMap attributes = AttributeMap.of(record.getAttributesList());
    AnyValue body =
        record.hasBody() && record.getBody().getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET
            ? record.getBody()
            : null;
    long time =
        record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
    return new ContentEvent(eventName(record, attributes), attributes, body, time, true);
  }

  /** Returns the event name of {@code record}: the field, else the {@code event.name} attribute. */
  static String eventName(LogRecord record) {
    if (!record.getEventName().isEmpty()) {
      return record.getEventName();
    }
    for (var attribute : record.getAttributesList()) {
      if (attribute.getKey().equals(GenAiAttributes.EVENT_NAME)) {
        return attribute.getValue().getStringValue();
      }
    }
    return "";
  }

  private static String eventName(LogRecord record, AttributeMap attributes) {
    if (!record.getEventName().isEmpty()) {
      return record.getEventName();
    }
    String name = attributes.string(GenAiAttributes.EVENT_NAME);
    return name == null ? "" : name;
  }
}
