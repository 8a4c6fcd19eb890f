package dev.argus.server.export;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Encodes the long string attribute values of a request to UTF-8 once, ahead of serialisation.
 *
 * <p>A parsed protobuf message holds its strings as {@code String}s. Serialising one measures its
 * UTF-8 length character by character when the size is computed, again when it is written, and then
 * encodes it: for the prompts and completions of gen-AI spans that is most of the cost of
 * forwarding them. Asking a value for its bytes makes the message keep them instead (the generated
 * code caches the conversion), after which the size is known and writing is a copy. The message is
 * unchanged as a value and on the wire; only its internal form changes, which the generated code
 * allows from any thread.
 */
public final class LongStrings {
  /** Values shorter than this are cheaper to encode while writing than to convert ahead. */
  static final int MIN_BYTES = 256;

  private LongStrings() {}

  /** Converts the long string values of the span and event attributes in {@code request}. */
  public static void encodeAhead(ExportTraceServiceRequest request) {
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          encodeAhead(scopeSpans.getSpans(i));
        }
      }
    }
  }

  private static void encodeAhead(Span span) {
    for (int a = 0; a < span.getAttributesCount(); a++) {
      encodeAhead(span.getAttributes(a));
    }
    for (int e = 0; e < span.getEventsCount(); e++) {
      Span.Event event = span.getEvents(e);
      for (int a = 0; a < event.getAttributesCount(); a++) {
        encodeAhead(event.getAttributes(a));
      }
    }
  }

  private static void encodeAhead(KeyValue attribute) {
    AnyValue value = attribute.getValue();
    // Measured by the serialised size, which serialising reuses, and not by the text: asking a
    // value that already holds bytes (the extractor reads content as UTF-8) for its text would
    // decode them again.
    if (value.hasStringValue() && value.getSerializedSize() >= MIN_BYTES) {
      value.getStringValueBytes();
    }
  }
}
