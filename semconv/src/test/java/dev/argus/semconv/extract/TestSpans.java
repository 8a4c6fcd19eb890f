package dev.argus.semconv.extract;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Small builders for spans, events and log records in unit tests. */
final class TestSpans {
  static final ByteString TRACE_ID =
      ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  static final ByteString SPAN_ID = ByteString.copyFrom(new byte[] {1, 1, 1, 1, 1, 1, 1, 1});

  private TestSpans() {}

  static KeyValue kv(String key, String value) {
    return kv(key, str(value));
  }

  static KeyValue kv(String key, long value) {
    return kv(key, AnyValue.newBuilder().setIntValue(value).build());
  }

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue str(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  static AnyValue map(KeyValue... entries) {
    return AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(entries)))
        .build();
  }

  static Span span(String name, KeyValue... attributes) {
    return Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setSpanId(SPAN_ID)
        .setName(name)
        .setStartTimeUnixNano(1_000)
        .setEndTimeUnixNano(5_000)
        .addAllAttributes(List.of(attributes))
        .build();
  }

  static Span.Event event(String name, KeyValue... attributes) {
    return Span.Event.newBuilder().setName(name).addAllAttributes(List.of(attributes)).build();
  }

  static LogRecord record(String eventName, AnyValue body, long time) {
    LogRecord.Builder record =
        LogRecord.newBuilder()
            .setTraceId(TRACE_ID)
            .setSpanId(SPAN_ID)
            .setEventName(eventName)
            .setTimeUnixNano(time);
    if (body != null) {
      record.setBody(body);
    }
    return record.build();
  }
}
