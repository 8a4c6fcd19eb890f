package dev.argus.bench.otlp;

import dev.argus.bench.corpus.Interaction;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;

/**
 * Builds the same corpus interaction as a span in each telemetry convention ARGUS reads, so
 * extraction can be measured per convention on identical content. Shapes follow the fixtures of the
 * matching names.
 */
public final class ConventionSpans {
  private ConventionSpans() {}

  /** A convention and how to write an interaction in it. */
  public enum Convention {
    /** OTel gen-AI semconv 1.37+: messages as JSON strings. */
    SEMCONV,
    /** OTel gen-AI semconv 1.37+: messages as structured AnyValue arrays and maps. */
    SEMCONV_STRUCTURED,
    /** OTel semconv up to 1.27: {@code gen_ai.prompt} / {@code gen_ai.completion} JSON. */
    LEGACY_ATTRIBUTES,
    /** OTel semconv 1.28–1.36 per-message span events with {@code gen_ai.event.content}. */
    LEGACY_EVENTS,
    /** OpenLLMetry before 0.5: indexed {@code gen_ai.prompt.N.*} attributes. */
    OPENLLMETRY,
    /** OpenInference: flattened {@code llm.input_messages.N.message.*} attributes. */
    OPENINFERENCE,
    /** Vercel AI SDK legacy {@code ai.*} step span. */
    VERCEL,
    /** An ordinary HTTP server span: what every extractor must reject cheaply. */
    NOT_GENAI
  }

  /** Returns {@code row} written as a span of {@code convention}. */
  public static Span of(Convention convention, Interaction row, long n) {
    return switch (convention) {
      case SEMCONV -> GenAiSpans.chat(row, n);
      case SEMCONV_STRUCTURED -> semconvStructured(row, n);
      case LEGACY_ATTRIBUTES -> legacyAttributes(row, n);
      case LEGACY_EVENTS -> legacyEvents(row, n);
      case OPENLLMETRY -> openLlmetry(row, n);
      case OPENINFERENCE -> openInference(row, n);
      case VERCEL -> vercel(row, n);
      case NOT_GENAI -> PlainSpans.server(n);
    };
  }

  private static Span.Builder base(String name, long n) {
    return Span.newBuilder()
        .setTraceId(Attributes.traceId(n))
        .setSpanId(Attributes.spanId(n))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(1_773_151_200_000_000_000L)
        .setEndTimeUnixNano(1_773_151_201_000_000_000L);
  }

  private static Span semconvStructured(Interaction row, long n) {
    AnyValue input = array(message("user", textParts(row.prompt()), null));
    AnyValue output = array(message("assistant", textParts(row.response()), "stop"));
    AnyValue system =
        row.context().isEmpty()
            ? textParts(row.systemPrompt())
            : array(textPart(row.systemPrompt()), textPart("Context:\n" + row.context()));
    return base("chat " + row.model(), n)
        .addAttributes(Attributes.string("gen_ai.operation.name", "chat"))
        .addAttributes(Attributes.string("gen_ai.provider.name", GenAiSpans.provider(row.model())))
        .addAttributes(Attributes.string("gen_ai.request.model", row.model()))
        .addAttributes(keyValue("gen_ai.system_instructions", system))
        .addAttributes(keyValue("gen_ai.input.messages", input))
        .addAttributes(keyValue("gen_ai.output.messages", output))
        .addAttributes(Attributes.integer("gen_ai.usage.input_tokens", tokens(row.inputTokens())))
        .addAttributes(Attributes.integer("gen_ai.usage.output_tokens", tokens(row.outputTokens())))
        .build();
  }

  private static Span legacyAttributes(Interaction row, long n) {
    List<Map<String, String>> prompt =
        List.of(
            Map.of("role", "system", "content", systemText(row)),
            Map.of("role", "user", "content", row.prompt()));
    return base("chat " + row.model(), n)
        .addAttributes(Attributes.string("gen_ai.system", GenAiSpans.provider(row.model())))
        .addAttributes(Attributes.string("gen_ai.request.model", row.model()))
        .addAttributes(Attributes.strings("gen_ai.response.finish_reasons", "stop"))
        .addAttributes(Attributes.integer("gen_ai.usage.prompt_tokens", tokens(row.inputTokens())))
        .addAttributes(
            Attributes.integer("gen_ai.usage.completion_tokens", tokens(row.outputTokens())))
        .addAttributes(Attributes.string("gen_ai.prompt", Attributes.json(prompt)))
        .addAttributes(
            Attributes.string(
                "gen_ai.completion",
                Attributes.json(List.of(Map.of("role", "assistant", "content", row.response())))))
        .build();
  }

  private static Span legacyEvents(Interaction row, long n) {
    String system = "az.ai.inference";
    return base("chat " + row.model(), n)
        .addAttributes(Attributes.string("gen_ai.operation.name", "chat"))
        .addAttributes(Attributes.string("gen_ai.system", system))
        .addAttributes(Attributes.string("gen_ai.request.model", row.model()))
        .addAttributes(Attributes.strings("gen_ai.response.finish_reasons", "stop"))
        .addAttributes(Attributes.integer("gen_ai.usage.input_tokens", tokens(row.inputTokens())))
        .addAttributes(Attributes.integer("gen_ai.usage.output_tokens", tokens(row.outputTokens())))
        .addEvents(
            event(
                "gen_ai.system.message",
                system,
                Map.of("role", "system", "content", systemText(row))))
        .addEvents(
            event("gen_ai.user.message", system, Map.of("role", "user", "content", row.prompt())))
        .addEvents(
            event(
                "gen_ai.choice",
                system,
                Map.of(
                    "index",
                    0,
                    "finish_reason",
                    "stop",
                    "message",
                    Map.of("role", "assistant", "content", row.response()))))
        .build();
  }

  private static Span openLlmetry(Interaction row, long n) {
    return base("openai.chat", n)
        .addAttributes(Attributes.string("llm.request.type", "chat"))
        .addAttributes(Attributes.string("gen_ai.system", GenAiSpans.provider(row.model())))
        .addAttributes(Attributes.string("gen_ai.request.model", row.model()))
        .addAttributes(Attributes.string("gen_ai.prompt.0.role", "system"))
        .addAttributes(Attributes.string("gen_ai.prompt.0.content", systemText(row)))
        .addAttributes(Attributes.string("gen_ai.prompt.1.role", "user"))
        .addAttributes(Attributes.string("gen_ai.prompt.1.content", row.prompt()))
        .addAttributes(Attributes.string("gen_ai.completion.0.role", "assistant"))
        .addAttributes(Attributes.string("gen_ai.completion.0.content", row.response()))
        .addAttributes(Attributes.string("gen_ai.completion.0.finish_reason", "stop"))
        .addAttributes(Attributes.integer("gen_ai.usage.prompt_tokens", tokens(row.inputTokens())))
        .addAttributes(
            Attributes.integer("gen_ai.usage.completion_tokens", tokens(row.outputTokens())))
        .build();
  }

  private static Span openInference(Interaction row, long n) {
    Span.Builder span =
        base("ChatOpenAI", n)
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .addAttributes(Attributes.string("openinference.span.kind", "LLM"))
            .addAttributes(Attributes.string("llm.provider", GenAiSpans.provider(row.model())))
            .addAttributes(Attributes.string("llm.model_name", row.model()))
            .addAttributes(Attributes.string("input.value", row.prompt()))
            .addAttributes(Attributes.string("input.mime_type", "text/plain"))
            .addAttributes(Attributes.string("output.value", row.response()))
            .addAttributes(Attributes.string("output.mime_type", "text/plain"))
            .addAttributes(Attributes.string("llm.input_messages.0.message.role", "system"))
            .addAttributes(
                Attributes.string("llm.input_messages.0.message.content", systemText(row)))
            .addAttributes(Attributes.string("llm.input_messages.1.message.role", "user"))
            .addAttributes(Attributes.string("llm.input_messages.1.message.content", row.prompt()))
            .addAttributes(Attributes.string("llm.output_messages.0.message.role", "assistant"))
            .addAttributes(
                Attributes.string("llm.output_messages.0.message.content", row.response()))
            .addAttributes(Attributes.integer("llm.token_count.prompt", tokens(row.inputTokens())))
            .addAttributes(
                Attributes.integer("llm.token_count.completion", tokens(row.outputTokens())));
    if (row.costUsd() != null) {
      span.addAttributes(Attributes.decimal("llm.cost.total", row.costUsd()));
    }
    return span.build();
  }

  private static Span vercel(Interaction row, long n) {
    List<Map<String, String>> messages =
        List.of(
            Map.of("role", "system", "content", systemText(row)),
            Map.of("role", "user", "content", row.prompt()));
    return base("ai.generateText.doGenerate", n)
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .addAttributes(Attributes.string("operation.name", "ai.generateText.doGenerate bench"))
        .addAttributes(Attributes.string("ai.operationId", "ai.generateText.doGenerate"))
        .addAttributes(Attributes.string("ai.model.id", row.model()))
        .addAttributes(Attributes.string("ai.model.provider", "openai.chat"))
        .addAttributes(Attributes.string("ai.prompt.messages", Attributes.json(messages)))
        .addAttributes(Attributes.string("ai.response.text", row.response()))
        .addAttributes(Attributes.string("ai.response.finishReason", "stop"))
        .addAttributes(Attributes.integer("ai.usage.promptTokens", tokens(row.inputTokens())))
        .addAttributes(Attributes.integer("ai.usage.completionTokens", tokens(row.outputTokens())))
        .build();
  }

  private static String systemText(Interaction row) {
    return row.context().isEmpty()
        ? row.systemPrompt()
        : row.systemPrompt() + "\n\nContext:\n" + row.context();
  }

  private static long tokens(Long count) {
    return count == null ? 0 : count;
  }

  private static Span.Event event(String name, String system, Map<String, ?> content) {
    return Span.Event.newBuilder()
        .setName(name)
        .setTimeUnixNano(1_773_151_200_500_000_000L)
        .addAttributes(Attributes.string("gen_ai.system", system))
        .addAttributes(Attributes.string("gen_ai.event.content", Attributes.json(content)))
        .build();
  }

  private static AnyValue message(String role, AnyValue parts, String finishReason) {
    KeyValueList.Builder message =
        KeyValueList.newBuilder()
            .addValues(keyValue("role", string(role)))
            .addValues(keyValue("parts", parts));
    if (finishReason != null) {
      message.addValues(keyValue("finish_reason", string(finishReason)));
    }
    return AnyValue.newBuilder().setKvlistValue(message).build();
  }

  private static AnyValue textParts(String text) {
    return array(textPart(text));
  }

  private static AnyValue textPart(String text) {
    return AnyValue.newBuilder()
        .setKvlistValue(
            KeyValueList.newBuilder()
                .addValues(keyValue("type", string("text")))
                .addValues(keyValue("content", string(text))))
        .build();
  }

  private static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  private static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  private static KeyValue keyValue(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
