package dev.argus.semconv.extract;

import static dev.argus.semconv.extract.TestSpans.array;
import static dev.argus.semconv.extract.TestSpans.kv;
import static dev.argus.semconv.extract.TestSpans.map;
import static dev.argus.semconv.extract.TestSpans.str;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Wrong types, broken JSON and hostile nesting on every key the extractors read never throw. */
class MalformedInputTest {
  private static final String[] KEYS = {
    "gen_ai.operation.name",
    "gen_ai.provider.name",
    "gen_ai.system",
    "gen_ai.request.model",
    "gen_ai.input.messages",
    "gen_ai.output.messages",
    "gen_ai.system_instructions",
    "gen_ai.response.finish_reasons",
    "gen_ai.usage.input_tokens",
    "gen_ai.retrieval.documents",
    "gen_ai.tool.call.arguments",
    "gen_ai.tool.call.result",
    "gen_ai.prompt",
    "gen_ai.completion",
    "gen_ai.prompt.0.content",
    "gen_ai.prompt.3.role",
    "gen_ai.completion.0.tool_calls.0.name",
    "llm.request.type",
    "traceloop.entity.input",
    "openinference.span.kind",
    "input.value",
    "output.value",
    "llm.input_messages.0.message.contents.0.message_content.text",
    "llm.invocation_parameters",
    "retrieval.documents.0.document.content",
    "ai.operationId",
    "ai.prompt",
    "ai.prompt.messages",
    "ai.response.toolCalls",
    "ai.usage.promptTokens"
  };
  private static final String[] TEXTS = {
    "",
    "[",
    "{",
    "[{\"role\":",
    "\"\\\"[{\\\"role\\\"\"",
    "[1,2,3]",
    "{\"parts\":7}",
    "[{\"role\":\"user\",\"parts\":[{\"type\":\"tool_call\",\"arguments\":[[[]]]}]}]",
    "[{\"message\":null}]",
    "null",
    "true",
    "__REDACTED__",
    "\ud83d",
    "LLM",
    "chat",
    "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":7}]}]",
    "[".repeat(5000),
    "{\"a\":".repeat(3000)
  };

  @Test
  void randomMalformedSpans_neverThrow() {
    Random random = new Random(20261204L);
    GenAiExtractor extractor = GenAiExtractor.standard();
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Span.Builder span =
          TestSpans.span("span " + i).toBuilder()
              .setSpanId(
                  ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, (byte) (i >> 8), (byte) i}));
      int attributes = 1 + random.nextInt(8);
      for (int a = 0; a < attributes; a++) {
        span.addAttributes(kv(KEYS[random.nextInt(KEYS.length)], value(random, 0)));
      }
      if (random.nextBoolean()) {
        span.addEvents(
            TestSpans.event("gen_ai.choice", kv("gen_ai.event.content", value(random, 0))));
      }
      spans.add(span.build());
    }
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
            .build();
    List<LogRecord> records =
        List.of(
            TestSpans.record("gen_ai.user.message", value(random, 0), 1),
            TestSpans.record("gen_ai.client.inference.operation.details", null, 2));

    assertDoesNotThrow(() -> extractor.traces(request));
    for (Span span : spans) {
      assertDoesNotThrow(() -> extractor.extract(span, records));
      assertDoesNotThrow(() -> extractor.awaitsLogContent(span));
    }
  }

  @Test
  void deeplyNestedStructuredValue_isCappedNotOverflowed() {
    AnyValue deep = str("x");
    for (int i = 0; i < 2000; i++) {
      deep = array(deep);
    }
    Span span =
        TestSpans.span(
            "chat", kv("gen_ai.operation.name", "chat"), kv("gen_ai.input.messages", deep));

    assertEquals("", GenAiExtractor.standard().extract(span).orElseThrow().prompt());
  }

  private static AnyValue value(Random random, int depth) {
    int kind = random.nextInt(depth > 2 ? 4 : 6);
    return switch (kind) {
      case 0, 1 -> str(TEXTS[random.nextInt(TEXTS.length)]);
      case 2 -> AnyValue.newBuilder().setIntValue(random.nextLong()).build();
      case 3 ->
          AnyValue.newBuilder().setDoubleValue(random.nextBoolean() ? Double.NaN : -1e300).build();
      case 4 -> array(value(random, depth + 1), value(random, depth + 1));
      default ->
          map(
              kv("role", value(random, depth + 1)),
              kv("parts", value(random, depth + 1)),
              kv("content", value(random, depth + 1)));
    };
  }
}
