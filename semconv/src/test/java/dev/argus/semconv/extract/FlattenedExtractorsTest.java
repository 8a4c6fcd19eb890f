package dev.argus.semconv.extract;

import static dev.argus.semconv.extract.TestSpans.array;
import static dev.argus.semconv.extract.TestSpans.kv;
import static dev.argus.semconv.extract.TestSpans.span;
import static dev.argus.semconv.extract.TestSpans.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenLLMetry, OpenInference and Vercel AI SDK attribute forms. */
class FlattenedExtractorsTest {

  @Test
  void openLlmetry_indexTenFollowsNineAndToolCallsAreRebuilt() {
    List<KeyValue> attributes = new ArrayList<>();
    attributes.add(kv("llm.request.type", "chat"));
    for (int i = 10; i >= 0; i--) {
      attributes.add(kv("gen_ai.prompt." + i + ".role", i % 2 == 0 ? "user" : "assistant"));
      attributes.add(kv("gen_ai.prompt." + i + ".content", "m" + i));
    }
    attributes.add(kv("gen_ai.completion.0.tool_calls.0.id", "t1"));
    attributes.add(kv("gen_ai.completion.0.tool_calls.0.name", "search"));
    attributes.add(kv("gen_ai.completion.0.tool_calls.0.arguments", "{\"q\":1}"));
    attributes.add(kv("gen_ai.completion.0.finish_reason", "tool_calls"));
    Span span = span("openai.chat", attributes.toArray(KeyValue[]::new));

    GenAiCall call = new OpenLlmetryExtractor().extract(span);

    assertEquals("m10", call.prompt());
    assertEquals("m9", call.inputMessages().get(9).text());
    assertEquals(List.of(new ToolCall("t1", "search", "{\"q\":1}")), call.toolCalls());
    assertEquals(List.of("tool_call"), call.finishReasons());
  }

  @Test
  void openLlmetry_truncatedEntityInputIsFlaggedNotUsed() {
    Span task =
        span(
            "draft.task",
            kv("traceloop.span.kind", "task"),
            kv("traceloop.entity.input", "{\"args\": [[{\"role\": \"user\", \"content\": \"Th"),
            kv("traceloop.entity.output", "\"Done.\""));

    GenAiCall call = new OpenLlmetryExtractor().extract(task);

    assertEquals("task", call.operation());
    assertTrue(call.hasFlag(ContentFlag.INPUT_TRUNCATED));
    assertEquals("", call.prompt());
    assertEquals("Done.", call.completion());
  }

  @Test
  void openInference_redactedInputButCapturedOutput() {
    Span span =
        span(
            "LLM",
            kv("openinference.span.kind", "LLM"),
            kv("llm.input_messages.0.message.role", "user"),
            kv("llm.input_messages.0.message.content", "__REDACTED__"),
            kv("llm.output_messages.0.message.role", "assistant"),
            kv("llm.output_messages.0.message.content", "Answer."),
            kv("llm.token_count.prompt", 5),
            kv("llm.token_count.completion", 2),
            kv("llm.token_count.completion_details.reasoning", 1));

    GenAiCall call = new OpenInferenceExtractor().extract(span);

    assertEquals("", call.prompt());
    assertEquals("Answer.", call.completion());
    assertTrue(call.hasFlag(ContentFlag.INPUT_REDACTED));
    assertEquals(ContentStatus.CAPTURED, call.contentStatus());
    assertEquals(1L, call.usage().reasoningTokens());
    assertEquals(7L, call.usage().totalTokens());
  }

  @Test
  void openInference_allRedactedIsRedacted() {
    Span span =
        span(
            "LLM",
            kv("openinference.span.kind", "LLM"),
            kv("input.value", "__REDACTED__"),
            kv("output.value", "__REDACTED__"));

    assertEquals(
        ContentStatus.REDACTED, new OpenInferenceExtractor().extract(span).contentStatus());
  }

  @Test
  void vercel_truncatedStepPromptAndLegacyResultText() {
    Span step =
        span(
            "ai.streamText.doStream",
            kv("ai.operationId", "ai.streamText.doStream"),
            kv("ai.model.provider", "anthropic.messages"),
            kv("ai.model.id", "claude"),
            kv("ai.prompt.messages", "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"te"),
            kv("ai.result.text", "Partial answer"),
            kv("ai.usage.inputTokens", 7),
            kv("ai.usage.outputTokens", 3),
            kv("ai.usage.reasoningTokens", 1));
    VercelAiExtractor extractor = new VercelAiExtractor();

    GenAiCall call = extractor.extract(step);

    assertTrue(call.hasFlag(ContentFlag.INPUT_TRUNCATED));
    assertEquals("Partial answer", call.completion());
    assertEquals("anthropic", call.provider());
    assertEquals(1L, call.usage().reasoningTokens());
    assertEquals(SpanRole.LLM_CALL, extractor.role(SpanView.of(step), call));
  }

  @Test
  void vercel_rootPromptObjectWithMessages() {
    Span root =
        span(
            "ai.generateText",
            kv("ai.operationId", "ai.generateText"),
            kv(
                "ai.prompt",
                "{\"system\":\"Sys.\",\"messages\":[{\"role\":\"user\"," + "\"content\":\"Hi\"}]}"),
            kv("ai.response.text", "Hello"),
            kv("ai.response.finishReason", "length"),
            kv("ai.prompt.tools", array(str("{\"name\":\"t\"}"))));
    VercelAiExtractor extractor = new VercelAiExtractor();

    GenAiCall call = extractor.extract(root);

    assertEquals("Sys.", call.systemInstructions());
    assertEquals("Hi", call.prompt());
    assertEquals(List.of("length"), call.finishReasons());
    assertEquals(SpanRole.OPERATION, extractor.role(SpanView.of(root), call));
  }

  @Test
  void vectorDbResultEvents_becomeContextOfTheFollowingCall() {
    Span query =
        span("chroma.query", kv("db.system", "chroma")).toBuilder()
            .setSpanId(ByteString.copyFrom(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}))
            .setStartTimeUnixNano(500)
            .addEvents(
                TestSpans.event(
                    "db.query.result",
                    kv("db.query.result.id", "d1"),
                    kv("db.query.result.document", "Refunds take 5 days."),
                    kv("db.query.result.score", TestSpans.str("0.8"))))
            .build();
    Span chat =
        span(
            "openai.chat",
            kv("llm.request.type", "chat"),
            kv("gen_ai.prompt.0.role", "user"),
            kv("gen_ai.prompt.0.content", "How long?"),
            kv("gen_ai.completion.0.content", "Five days."));
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(query).addSpans(chat)))
            .build();

    GenAiTrace trace = GenAiExtractor.standard().traces(request).get(0);

    assertEquals(SpanRole.RETRIEVAL, trace.spans().get(0).role());
    assertEquals(
        List.of(new RetrievedDocument("d1", 0.8, "Refunds take 5 days.")),
        trace.call().retrievedContext());
  }
}
