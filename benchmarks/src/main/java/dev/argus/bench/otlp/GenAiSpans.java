package dev.argus.bench.otlp;

import dev.argus.bench.corpus.Interaction;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds gen-AI spans from corpus rows in the current OpenTelemetry gen-AI semantic conventions
 * (1.37 and later): {@code gen_ai.system_instructions}, {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages} as JSON strings, with the retrieved context injected into the system
 * instructions the way RAG applications send it, and usage token counts.
 */
public final class GenAiSpans {
  private static final long BASE_TIME_NANOS = 1_773_151_200_000_000_000L;

  private GenAiSpans() {}

  /** Returns the chat span for {@code row}; {@code n} makes its trace and span ids unique. */
  public static Span chat(Interaction row, long n) {
    long start = BASE_TIME_NANOS + n * 1_000_000L;
    double latencyMillis = row.latencyMillis() == null ? 850.0 : row.latencyMillis();
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(Attributes.traceId(n))
            .setSpanId(Attributes.spanId(n))
            .setName("chat " + row.model())
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + (long) (latencyMillis * 1_000_000L))
            .addAttributes(Attributes.string("gen_ai.operation.name", "chat"))
            .addAttributes(Attributes.string("gen_ai.provider.name", provider(row.model())))
            .addAttributes(Attributes.string("gen_ai.request.model", row.model()))
            .addAttributes(Attributes.string("gen_ai.response.model", row.model()))
            .addAttributes(Attributes.string("gen_ai.response.id", "chatcmpl-" + row.id()))
            .addAttributes(Attributes.strings("gen_ai.response.finish_reasons", "stop"))
            .addAttributes(Attributes.string("gen_ai.system_instructions", systemInstructions(row)))
            .addAttributes(Attributes.string("gen_ai.input.messages", inputMessages(row)))
            .addAttributes(Attributes.string("gen_ai.output.messages", outputMessages(row)));
    if (row.inputTokens() != null) {
      span.addAttributes(Attributes.integer("gen_ai.usage.input_tokens", row.inputTokens()));
    }
    if (row.outputTokens() != null) {
      span.addAttributes(Attributes.integer("gen_ai.usage.output_tokens", row.outputTokens()));
    }
    return span.build();
  }

  /** Returns the provider name in the {@code gen_ai.provider.name} vocabulary for a model. */
  static String provider(String model) {
    if (model.startsWith("gpt")) {
      return "openai";
    }
    if (model.startsWith("claude")) {
      return "anthropic";
    }
    return "aws.bedrock";
  }

  static String systemInstructions(Interaction row) {
    List<Map<String, String>> parts = new ArrayList<>();
    parts.add(textPart(row.systemPrompt()));
    if (!row.context().isEmpty()) {
      parts.add(textPart("Context:\n" + row.context()));
    }
    return Attributes.json(parts);
  }

  static String inputMessages(Interaction row) {
    return Attributes.json(
        List.of(Map.of("role", "user", "parts", List.of(textPart(row.prompt())))));
  }

  static String outputMessages(Interaction row) {
    return Attributes.json(
        List.of(
            Map.of(
                "role", "assistant",
                "parts", List.of(textPart(row.response())),
                "finish_reason", "stop")));
  }

  private static Map<String, String> textPart(String text) {
    return Map.of("type", "text", "content", text);
  }
}
