package dev.argus.semconv.extract;

import static dev.argus.semconv.extract.TestSpans.kv;
import static dev.argus.semconv.extract.TestSpans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemconvExtractorTest {
  private final SemconvExtractor extractor = new SemconvExtractor();

  @Test
  void recognizes_onlyGenAiKeys() {
    assertTrue(extractor.recognizes(span("chat", kv("gen_ai.operation.name", "chat"))));
    assertTrue(extractor.recognizes(span("x", kv("gen_ai.system", "openai"))));
    assertFalse(
        extractor.recognizes(
            span("GET /", kv("app.ui.prompt_shown", "yes"), kv("app.query.cost_estimate", 3))));
  }

  @Test
  void noContent_isNotCapturedButKeepsMetadataAndLegacyUsage() {
    Span span =
        span(
            "chat gpt-4o",
            kv("gen_ai.operation.name", "chat"),
            kv("gen_ai.system", "az.ai.openai"),
            kv("gen_ai.request.model", "gpt-4o"),
            kv("gen_ai.usage.prompt_tokens", 10),
            kv("gen_ai.usage.completion_tokens", 4),
            kv("gen_ai.usage.cache_creation.input_tokens", 6));

    GenAiCall call = extractor.extract(span);

    assertEquals(ContentStatus.NOT_CAPTURED, call.contentStatus());
    assertEquals("azure.ai.openai", call.provider());
    assertEquals(new TokenUsage(10L, 4L, null, 6L, null), call.usage());
    assertEquals(4_000, call.durationNanos());
    assertEquals("", call.completion());
  }

  @Test
  void redactedOutput_isFlaggedAndNeverScoredAsText() {
    Span span =
        span(
            "chat",
            kv("gen_ai.operation.name", "chat"),
            kv(
                "gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":"
                    + "[{\"type\":\"text\",\"content\":\"__REDACTED__\"}]}]"));

    GenAiCall call = extractor.extract(span);

    assertEquals(ContentStatus.REDACTED, call.contentStatus());
    assertTrue(call.hasFlag(ContentFlag.OUTPUT_REDACTED));
    assertEquals("", call.completion());
  }

  @Test
  void truncatedOutput_isTruncated() {
    Span span =
        span(
            "chat",
            kv("gen_ai.operation.name", "chat"),
            kv(
                "gen_ai.input.messages",
                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]"),
            kv("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"te"));

    GenAiCall call = extractor.extract(span);

    assertEquals(ContentStatus.TRUNCATED, call.contentStatus());
    assertTrue(call.hasFlag(ContentFlag.OUTPUT_TRUNCATED));
    assertEquals("Hi", call.prompt());
  }

  @Test
  void retrievalSpan_readsDocumentsWithExtraTextFieldAndQuery() {
    Span span =
        span(
            "retrieval kb",
            kv("gen_ai.operation.name", "retrieval"),
            kv("gen_ai.retrieval.query.text", "c-wire"),
            kv(
                "gen_ai.retrieval.documents",
                "[{\"id\":\"a\",\"score\":0.5,\"content\":\"Alpha.\"},{\"id\":\"b\"},"
                    + "{\"id\":\"c\",\"page_content\":\"Gamma.\"}]"));

    GenAiCall call = extractor.extract(span);

    assertEquals(
        List.of(
            new RetrievedDocument("a", 0.5, "Alpha."), new RetrievedDocument("c", null, "Gamma.")),
        call.retrievedContext());
    assertEquals("c-wire", call.prompt());
    assertEquals(SpanRole.RETRIEVAL, extractor.role(SpanView.of(span), call));
  }

  @Test
  void plainTextSystemInstructionsAndWrongTypes_neverThrow() {
    Span span =
        span(
            "chat",
            kv("gen_ai.operation.name", "chat"),
            kv("gen_ai.system_instructions", "Be brief."),
            kv("gen_ai.input.messages", 42),
            kv("gen_ai.usage.input_tokens", "not a number"));

    GenAiCall call = extractor.extract(span);

    assertEquals("Be brief.", call.systemInstructions());
    assertNull(call.usage().inputTokens());
    // Instructions alone are no conversation: the messages may still arrive as log records.
    assertEquals(ContentStatus.NOT_CAPTURED, call.contentStatus());
  }
}
