package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedSpanLinkerTest {
  private static final EvaluatedSpan RESULT =
      new EvaluatedSpan(
          "0a00000000000000000000000000007f",
          "0000000000000002",
          "checkout",
          GenAiCall.builder().setOperation("chat").setCompletion("Paris").build(),
          TestSpans.failingEvaluation());

  @Test
  void link_writesTheCorrectionIdAndPassesTheSpansAttempt() {
    List<Integer> attempts = new ArrayList<>();
    FailedSpanLinker linker =
        new FailedSpanLinker(
            (span, attempt) -> {
              attempts.add(attempt);
              return Optional.of("evt_7");
            },
            new SpanEnricher(false));
    Span span = spanWithAttempt(AnyValue.newBuilder().setIntValue(2).build());

    Span linked = linker.link(span, RESULT);

    assertEquals(List.of(2), attempts);
    assertEquals("evt_7", attribute(linked, ArgusAttributes.ARGUS_CORRECTION_ID));
  }

  @Test
  void link_withoutAnEventLeavesTheSpanAsItIs() {
    FailedSpanLinker linker = new FailedSpanLinker(CorrectionLinker.NONE, new SpanEnricher(false));
    Span span = TestSpans.fullSpan("chat", (byte) 2);

    assertSame(span, linker.link(span, RESULT));
  }

  @Test
  void link_aLinkerThatThrowsCostsOnlyTheLink() {
    FailedSpanLinker linker =
        new FailedSpanLinker(
            (span, attempt) -> {
              throw new IllegalStateException("queue closed");
            },
            new SpanEnricher(false));
    Span span = TestSpans.fullSpan("chat", (byte) 2);

    assertSame(span, linker.link(span, RESULT));
  }

  @Test
  void correctionAttempt_readsIntAndStringValuesAndFallsBackToZero() {
    assertEquals(3, attempt(AnyValue.newBuilder().setIntValue(3).build()));
    assertEquals(4, attempt(AnyValue.newBuilder().setStringValue(" 4 ").build()));
    assertEquals(0, attempt(AnyValue.newBuilder().setStringValue("second").build()));
    assertEquals(0, attempt(AnyValue.newBuilder().setIntValue(-1).build()));
    assertEquals(0, attempt(AnyValue.newBuilder().setDoubleValue(2.0).build()));
    assertEquals(0, FailedSpanLinker.correctionAttempt(TestSpans.fullSpan("chat", (byte) 2)));
  }

  private static int attempt(AnyValue value) {
    return FailedSpanLinker.correctionAttempt(spanWithAttempt(value));
  }

  private static Span spanWithAttempt(AnyValue value) {
    KeyValue attempt =
        KeyValue.newBuilder()
            .setKey(ArgusAttributes.ARGUS_CORRECTION_ATTEMPT)
            .setValue(value)
            .build();
    return TestSpans.fullSpan("chat", (byte) 2, attempt);
  }

  private static String attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }
}
