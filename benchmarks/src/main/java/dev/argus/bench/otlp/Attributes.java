package dev.argus.bench.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.ByteBuffer;

/** Small helpers to build OTLP attribute values and ids. */
final class Attributes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Attributes() {}

  static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static KeyValue decimal(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  static KeyValue strings(String key, String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String value : values) {
      array.addValues(AnyValue.newBuilder().setStringValue(value));
    }
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setArrayValue(array))
        .build();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write benchmark JSON", e);
    }
  }

  /** Returns a 16-byte trace id derived from {@code n}; distinct {@code n} give distinct ids. */
  static ByteString traceId(long n) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(16).putLong(0x4152475553L).putLong(n + 1).array());
  }

  /** Returns an 8-byte span id derived from {@code n}. */
  static ByteString spanId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n + 1).array());
  }
}
