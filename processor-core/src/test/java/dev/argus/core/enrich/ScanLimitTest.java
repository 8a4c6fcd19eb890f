package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanLimitTest {
  private static final String EMAIL = "jane.doe@example.com";

  @Test
  void truncate_neverSplitsASurrogatePair() {
    String text = "ab\uD83D\uDE00cd"; // a, b, one emoji (two chars), c, d

    assertEquals("ab", ScanLimit.truncate(text, 3));
    assertEquals("ab\uD83D\uDE00", ScanLimit.truncate(text, 4));
    assertEquals("ab", ScanLimit.truncate(text, 2));
    assertSame(text, ScanLimit.truncate(text, 6));
  }

  @Test
  void apply_cutsEveryScannedTextAndCountsTheChars() {
    GenAiCall call =
        GenAiCall.builder()
            .setSystemInstructions("s".repeat(12))
            .setInputMessages(List.of(ChatMessage.of("user", "m".repeat(15))))
            .setPrompt("p".repeat(11))
            .setRetrievedContext(
                List.of(
                    new RetrievedDocument("d1", null, "d".repeat(30)),
                    new RetrievedDocument("d2", null, "short")))
            .setCompletion("c".repeat(20))
            .setToolCalls(List.of(new ToolCall("t1", "lookup", "a".repeat(13))))
            .setReasoning("r".repeat(4))
            .setContentStatus(ContentStatus.CAPTURED)
            .build();

    ScanLimit.Limited limited = new ScanLimit(10).apply(call);

    GenAiCall cut = limited.call();
    assertEquals("s".repeat(10), cut.systemInstructions());
    assertEquals("m".repeat(10), cut.inputMessages().get(0).text());
    assertEquals("p".repeat(10), cut.prompt());
    assertEquals("d".repeat(10), cut.retrievedContext().get(0).content());
    assertEquals("short", cut.retrievedContext().get(1).content());
    assertEquals("c".repeat(10), cut.completion());
    assertEquals("a".repeat(10), cut.toolCalls().get(0).arguments());
    assertEquals("rrrr", cut.reasoning());
    assertEquals(ContentStatus.CAPTURED, cut.contentStatus());
    assertTrue(limited.truncated());
    assertEquals(12 + 15 + 11 + 30 + 5 + 20 + 13 + 4, limited.totalChars());
    assertEquals(10 + 10 + 10 + 10 + 5 + 10 + 10 + 4, limited.scannedChars());
  }

  @Test
  void apply_returnsTheSameCallWhenNothingIsOverTheLimit() {
    GenAiCall call = GenAiCall.builder().setCompletion("c".repeat(10)).build();

    assertSame(call, new ScanLimit(10).apply(call).call());
    assertSame(call, ScanLimit.NONE.apply(call).call());
    assertEquals(false, new ScanLimit(10).apply(call).truncated());
  }

  @Test
  void negativeLimit_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ScanLimit(-1));
  }

  @Test
  void process_textBeyondTheLimitIsNotScannedAndThatIsRecorded() {
    // 1 MiB of harmless text, then an e-mail address the safety scorer would flag.
    String completion = "The order ships on Monday. ".repeat(40_000) + "Write to " + EMAIL + ".";
    assertTrue(completion.length() > 1_048_576);
    ExportTraceServiceRequest request = request(chatSpan(completion));

    Span limited = processed(request, ScanLimit.DEFAULT);
    Span unlimited = processed(request, ScanLimit.NONE);

    // The control proves the address is found when the whole text is scanned.
    assertTrue(doubleAttribute(unlimited, ArgusAttributes.ARGUS_SCORE_SAFETY) < 1.0);
    assertNull(attribute(unlimited, ArgusAttributes.ARGUS_SCORING_TRUNCATED));
    assertEquals(1.0, doubleAttribute(limited, ArgusAttributes.ARGUS_SCORE_SAFETY));
    assertTrue(
        attribute(limited, ArgusAttributes.ARGUS_SCORING_TRUNCATED).getValue().getBoolValue());
    long total =
        attribute(limited, ArgusAttributes.ARGUS_SCORING_TOTAL_CHARS).getValue().getIntValue();
    long scanned =
        attribute(limited, ArgusAttributes.ARGUS_SCORING_SCANNED_CHARS).getValue().getIntValue();
    assertTrue(total >= completion.length(), "total " + total);
    assertEquals(total - completion.length() + ScanLimit.DEFAULT_MAX_CHARS, scanned);
    // The forwarded span keeps the original attribute byte for byte.
    Span original = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals(
        attribute(original, "gen_ai.output.messages").toByteString(),
        attribute(limited, "gen_ai.output.messages").toByteString());
  }

  @Test
  void process_textBelowTheLimitRecordsNothing() {
    Span span = processed(request(chatSpan("Write to " + EMAIL + ".")), ScanLimit.DEFAULT);

    assertTrue(doubleAttribute(span, ArgusAttributes.ARGUS_SCORE_SAFETY) < 1.0);
    assertNull(attribute(span, ArgusAttributes.ARGUS_SCORING_TRUNCATED));
    assertNull(attribute(span, ArgusAttributes.ARGUS_SCORING_SCANNED_CHARS));
    assertNull(attribute(span, ArgusAttributes.ARGUS_SCORING_TOTAL_CHARS));
  }

  private static Span processed(ExportTraceServiceRequest request, ScanLimit limit) {
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            GenAiExtractor.standard(),
            new GenAiEvaluator(ScoringConfig.defaults()),
            new SpanEnricher(false),
            CorrectionLinker.NONE,
            TraceRequestProcessor.defaultAgentTracker(),
            false,
            limit);
    ProcessedTraces processed = processor.process(request);
    assertEquals(1, processed.evaluatedSpans().size());
    return processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  private static Span chatSpan(String completion) {
    String output =
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
            + completion
            + "\"}],\"finish_reason\":\"stop\"}]";
    String input =
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"When does it ship?\"}]}]";
    return TestSpans.fullSpan(
        "chat gpt-4o",
        (byte) 1,
        TestSpans.attribute("gen_ai.operation.name", "chat"),
        TestSpans.attribute("gen_ai.provider.name", "openai"),
        TestSpans.attribute("gen_ai.request.model", "gpt-4o"),
        TestSpans.attribute("gen_ai.input.messages", input),
        TestSpans.attribute("gen_ai.output.messages", output));
  }

  private static ExportTraceServiceRequest request(Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static KeyValue attribute(Span span, String key) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (attribute.getKey().equals(key)) {
        return attribute;
      }
    }
    return null;
  }

  private static double doubleAttribute(Span span, String key) {
    KeyValue attribute = attribute(span, key);
    assertTrue(attribute != null, key + " missing on " + span.getAttributesList());
    return attribute.getValue().getDoubleValue();
  }
}
