package dev.argus.semconv.extract;

import dev.argus.semconv.GenAiEvents;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A span prepared for extraction: its attributes indexed once (with parsed JSON remembered) and its
 * gen-AI events, from the span itself and from log records joined to it. One view serves every
 * convention extractor, so no attribute is parsed twice. Not thread-safe; create one per
 * extraction.
 */
public final class SpanView {
  private final Span span;
  private final AttributeMap attributes;
  private final List<ContentEvent> events;

  private SpanView(Span span, List<ContentEvent> events) {
    this.span = span;
    this.attributes = AttributeMap.of(span.getAttributesList());
    this.events = events;
  }

  /** Returns a view of {@code span} with its own span events. */
  public static SpanView of(Span span) {
    return of(span, List.of());
  }

  /**
   * Returns a view of {@code span} with its span events followed by {@code records}, the log
   * records joined to it (same trace id and span id), ordered by time with ties kept in arrival
   * order.
   */
  public static SpanView of(Span span, List<LogRecord> records) {
    if (span.getEventsCount() == 0 && records.isEmpty()) {
      return new SpanView(span, List.of());
    }
    List<ContentEvent> events = new ArrayList<>(span.getEventsCount() + records.size());
    for (Span.Event event : span.getEventsList()) {
      events.add(ContentEvent.of(event));
    }
    List<ContentEvent> joined = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      joined.add(ContentEvent.of(record));
    }
    // Producers stamp several messages with one time; ties keep arrival order (stable sort),
    // except that a choice always follows the history it answers.
    joined.sort(
        Comparator.comparingLong(ContentEvent::timeUnixNano)
            .thenComparingInt(event -> event.name().equals(GenAiEvents.GEN_AI_CHOICE) ? 1 : 0));
    events.addAll(joined);
    return new SpanView(span, Collections.unmodifiableList(events));
  }

  /** Returns the span. */
  public Span span() {
    return span;
  }

  /** Returns true when some event (span event or joined record) has the given name. */
  public boolean hasEvent(String name) {
    for (ContentEvent event : events) {
      if (event.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  AttributeMap attributes() {
    return attributes;
  }

  List<ContentEvent> events() {
    return events;
  }
}
