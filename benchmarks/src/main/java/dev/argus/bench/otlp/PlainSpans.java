package dev.argus.bench.otlp;

import io.opentelemetry.proto.trace.v1.Span;

/**
 * Builds ordinary (non gen-AI) server spans with ten string attributes of 50 bytes each, the "small
 * span" of the performance targets.
 */
public final class PlainSpans {
  /** Number of attributes on each span. */
  public static final int ATTRIBUTES = 10;

  /** Length in bytes of each attribute value. */
  public static final int VALUE_BYTES = 50;

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final long BASE_TIME_NANOS = 1_773_151_200_000_000_000L;

  private PlainSpans() {}

  /** Returns a plain span; {@code n} makes its ids and attribute values unique. */
  public static Span server(long n) {
    long start = BASE_TIME_NANOS + n * 1_000L;
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(Attributes.traceId(n))
            .setSpanId(Attributes.spanId(n))
            .setName("GET /api/orders/{id}")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 3_500_000L);
    for (int i = 0; i < ATTRIBUTES; i++) {
      span.addAttributes(Attributes.string("app.attribute." + i, value(n, i)));
    }
    return span.build();
  }

  private static String value(long n, int attribute) {
    StringBuilder value = new StringBuilder(VALUE_BYTES);
    long state = n * 31 + attribute;
    while (value.length() < VALUE_BYTES) {
      // A cheap LCG keeps values varied (so nothing compresses or dedupes unrealistically).
      state = state * 6364136223846793005L + 1442695040888963407L;
      value.append(ALPHABET.charAt((int) ((state >>> 33) % ALPHABET.length())));
    }
    return value.toString();
  }
}
