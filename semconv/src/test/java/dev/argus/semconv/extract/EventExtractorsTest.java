package dev.argus.semconv.extract;

import static dev.argus.semconv.extract.TestSpans.array;
import static dev.argus.semconv.extract.TestSpans.event;
import static dev.argus.semconv.extract.TestSpans.kv;
import static dev.argus.semconv.extract.TestSpans.map;
import static dev.argus.semconv.extract.TestSpans.record;
import static dev.argus.semconv.extract.TestSpans.span;
import static dev.argus.semconv.extract.TestSpans.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Details event, per-message events and legacy content, as span events and log records. */
class EventExtractorsTest {
  private static final Span CHAT =
      span("chat gpt-4o", kv("gen_ai.operation.name", "chat"), kv("gen_ai.system", "openai"));

  @Test
  void messageEventLogRecords_giveHistoryToolResultAndChoice() {
    List<LogRecord> records =
        List.of(
            record("gen_ai.user.message", map(kv("content", "Weather in Oslo?")), 1),
            record(
                "gen_ai.assistant.message",
                map(
                    kv(
                        "tool_calls",
                        array(
                            map(
                                kv("id", "c1"),
                                kv("type", "function"),
                                kv(
                                    "function",
                                    map(kv("name", "weather"), kv("arguments", "{}"))))))),
                1),
            record("gen_ai.tool.message", map(kv("id", "c1"), kv("content", "4 C, snow")), 1),
            record(
                "gen_ai.choice",
                map(
                    kv("finish_reason", "stop"),
                    kv("index", 0),
                    kv("message", map(kv("content", "It is 4 C and snowing.")))),
                2));
    MessageEventsExtractor extractor = new MessageEventsExtractor();
    SpanView view = SpanView.of(CHAT, records);

    assertTrue(extractor.recognizes(view));
    assertFalse(extractor.recognizes(SpanView.of(CHAT)));
    GenAiCall call = extractor.extract(view);

    assertEquals("Weather in Oslo?", call.prompt());
    assertEquals("It is 4 C and snowing.", call.completion());
    assertEquals(List.of("stop"), call.finishReasons());
    assertEquals(
        new ToolCall("c1", "weather", "{}"), call.inputMessages().get(1).toolCalls().get(0));
    assertEquals(
        List.of(
            new RetrievedDocument("c1", null, "4 C, snow", RetrievedDocument.Source.TOOL_RESULT)),
        call.retrievedContext());
  }

  @Test
  void messageEventsWithoutContent_areNotCaptured() {
    List<LogRecord> records =
        List.of(
            record("gen_ai.user.message", map(), 1),
            record("gen_ai.choice", map(kv("finish_reason", "stop"), kv("message", map())), 2));

    GenAiCall call = new MessageEventsExtractor().extract(SpanView.of(CHAT, records));

    assertEquals(ContentStatus.NOT_CAPTURED, call.contentStatus());
    assertTrue(call.inputMessages().isEmpty());
  }

  @Test
  void messageSpanEvents_readJsonFromEventContentAttribute() {
    Span span =
        CHAT.toBuilder()
            .addEvents(
                event(
                    "gen_ai.user.message",
                    kv("gen_ai.event.content", "{\"role\":\"user\",\"content\":\"Hi there\"}")))
            .addEvents(
                event(
                    "gen_ai.choice",
                    kv(
                        "gen_ai.event.content",
                        "{\"message\":{\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}")))
            .build();

    GenAiCall call = GenAiExtractor.standard().extract(span).orElseThrow();

    assertEquals(MessageEventsExtractor.NAME, call.convention());
    assertEquals("Hi there", call.prompt());
    assertEquals("Hello!", call.completion());
  }

  @Test
  void detailsEvent_asSpanEventWithStructuredAttributes() {
    AnyValue input =
        array(
            map(
                kv("role", "user"),
                kv("parts", array(map(kv("type", "text"), kv("content", "Ping?"))))));
    AnyValue output =
        array(
            map(
                kv("role", "assistant"),
                kv("parts", array(map(kv("type", "text"), kv("content", "Pong."))))));
    Span span =
        CHAT.toBuilder()
            .addEvents(
                event(
                    "gen_ai.client.inference.operation.details",
                    kv("gen_ai.input.messages", input),
                    kv("gen_ai.output.messages", output),
                    kv("gen_ai.usage.input_tokens", 3),
                    kv("gen_ai.usage.output_tokens", 2)))
            .build();

    GenAiCall call = GenAiExtractor.standard().extract(span).orElseThrow();

    assertEquals(DetailsEventExtractor.NAME, call.convention());
    assertEquals("Ping?", call.prompt());
    assertEquals("Pong.", call.completion());
    assertEquals(5L, call.usage().totalTokens());
  }

  @Test
  void legacyRoleLines_fromContentEvents() {
    Span span =
        CHAT.toBuilder()
            .addEvents(
                event(
                    "gen_ai.content.prompt",
                    kv("gen_ai.prompt", "system: Be kind.\nuser: First line\nsecond line")))
            .addEvents(event("gen_ai.content.completion", kv("gen_ai.completion", "Sure.")))
            .build();

    GenAiCall call = new LegacyExtractor().extract(span);

    assertEquals("Be kind.", call.systemInstructions());
    assertEquals("First line\nsecond line", call.prompt());
    assertEquals("Sure.", call.completion());
  }

  @Test
  void legacyStringArrayAndPlainText() {
    Span springAi =
        span(
            "chat",
            kv("gen_ai.system", "spring_ai"),
            kv("gen_ai.prompt", array(str("You are terse."), str("Name a colour."))),
            kv("gen_ai.completion", array(str("Teal."))));
    Span quarkus =
        span(
            "chat",
            kv("gen_ai.prompt", "Plain prompt text"),
            kv("gen_ai.completion", "Plain answer"));
    LegacyExtractor extractor = new LegacyExtractor();

    GenAiCall fromArray = extractor.extract(springAi);
    GenAiCall fromText = extractor.extract(quarkus);

    assertEquals("Name a colour.", fromArray.prompt());
    assertEquals("Teal.", fromArray.completion());
    assertEquals("chat", fromArray.operation());
    assertEquals("Plain prompt text", fromText.prompt());
    assertEquals("Plain answer", fromText.completion());
  }
}
