package dev.argus.core.enrich;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Spans and evaluations shared by the enrichment tests. */
final class TestSpans {
  private TestSpans() {}

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** A span with every field set, so that any field lost in enrichment shows. */
  static Span fullSpan(String name, byte spanIdByte, KeyValue... attributes) {
    byte[] traceId = new byte[16];
    traceId[0] = 0x0a;
    traceId[15] = 0x7f;
    byte[] spanId = new byte[8];
    spanId[7] = spanIdByte;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId))
        .setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .setTraceState("vendor=value")
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(1_000_000_000L)
        .setEndTimeUnixNano(2_500_000_000L)
        .addAllAttributes(List.of(attributes))
        .setDroppedAttributesCount(3)
        .addEvents(Span.Event.newBuilder().setName("existing").setTimeUnixNano(1_500_000_000L))
        .setDroppedEventsCount(4)
        .addLinks(
            Span.Link.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9})))
        .setDroppedLinksCount(5)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).setMessage("ok"))
        .setFlags(257)
        .build();
  }

  /** An evaluation where groundedness fails, safety passes and variance does not apply. */
  static Evaluation failingEvaluation() {
    Map<Dimension, DimensionScore> scores = new EnumMap<>(Dimension.class);
    scores.put(
        Dimension.GROUNDEDNESS,
        DimensionScore.of(Dimension.GROUNDEDNESS, 0.25, "2 of 3 claims unsupported", Map.of()));
    scores.put(Dimension.SAFETY, DimensionScore.of(Dimension.SAFETY, 1.0, "no findings", Map.of()));
    scores.put(Dimension.VARIANCE, DimensionScore.notApplicable(Dimension.VARIANCE, "first call"));
    return new Evaluation(
        scores,
        0.55,
        Verdict.FAIL,
        List.of(Dimension.GROUNDEDNESS),
        true,
        Map.of(Dimension.GROUNDEDNESS, 0.6, Dimension.SAFETY, 0.8),
        "default",
        "groundedness 0.25 < 0.60");
  }
}
