package dev.argus.semconv.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiAttributes;
import dev.argus.semconv.GenAiEvents;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic conventions up to v1.27: the {@code gen_ai.prompt} / {@code gen_ai.completion} span
 * attributes and the v1.26 span events {@code gen_ai.content.prompt} / {@code
 * gen_ai.content.completion} (OpenLIT, Spring AI milestones, Quarkus LangChain4j, old Semantic
 * Kernel). The value is OpenAI-style JSON {@code [{role, content}]}, a string array, or plain text,
 * possibly as {@code role: content} lines.
 */
@SuppressWarnings("deprecation") // reads the deprecated names on purpose
public final class LegacyExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "otel.genai.legacy";

  // "system: ...", "user: ..." at the start of a line, as OpenLIT formats prompts.
  private static final Pattern ROLE_LINE =
      Pattern.compile("(?m)^(system|developer|user|human|assistant|ai|tool|function):[ \\t]?");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    return view.attributes().has(GenAiAttributes.GEN_AI_PROMPT)
        || view.attributes().has(GenAiAttributes.GEN_AI_COMPLETION)
        || view.hasEvent(GenAiEvents.GEN_AI_CONTENT_PROMPT)
        || view.hasEvent(GenAiEvents.GEN_AI_CONTENT_COMPLETION);
  }

  @Override
  public GenAiCall extract(SpanView view) {
    AnyValue prompt = view.attributes().get(GenAiAttributes.GEN_AI_PROMPT);
    AnyValue completion = view.attributes().get(GenAiAttributes.GEN_AI_COMPLETION);
    for (ContentEvent event : view.events()) {
      if (prompt == null && event.name().equals(GenAiEvents.GEN_AI_CONTENT_PROMPT)) {
        prompt = event.attributes().get(GenAiAttributes.GEN_AI_PROMPT);
      } else if (completion == null && event.name().equals(GenAiEvents.GEN_AI_CONTENT_COMPLETION)) {
        completion = event.attributes().get(GenAiAttributes.GEN_AI_COMPLETION);
      }
    }
    CallContent content = new CallContent();
    MessageReader input = read(prompt, "user", content, ContentFlag.INPUT_TRUNCATED);
    MessageReader output = read(completion, "assistant", content, ContentFlag.OUTPUT_TRUNCATED);
    content.inputFrom(input).outputFrom(output);
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME);
    content.applyTo(builder);
    SemconvMetadata.read(view, builder);
    if (SemconvMetadata.operation(view.attributes(), view.span()) == null) {
      // No operation attribute before v1.27: a span with a prompt and a completion is a chat.
      builder.setOperation("chat");
    }
    return builder.build();
  }

  private static MessageReader read(
      AnyValue value, String role, CallContent content, ContentFlag truncated) {
    MessageReader reader = new MessageReader();
    if (value == null) {
      return reader;
    }
    if (value.hasArrayValue()) {
      // Spring AI milestones: a string array of message texts, roles lost.
      reader.readAll(AnyValues.toJson(value), role);
      return reader;
    }
    String text = AnyValues.text(value);
    if (text == null || text.isEmpty()) {
      return reader;
    }
    MessageReader streamed = MessageStream.read(text, role, false);
    if (streamed != null) {
      return streamed;
    }
    LenientJson.Parsed parsed = LenientJson.parse(text);
    if (parsed.truncated()) {
      content.flag(truncated);
      return reader;
    }
    JsonNode node = parsed.node();
    if (node != null) {
      reader.readAll(node, role);
    } else if (!readRoleLines(text, reader)) {
      reader.read(LenientJson.NODES.textNode(text), role);
    }
    return reader;
  }

  /** Reads {@code role: content} lines; returns false when the text is not in that form. */
  private static boolean readRoleLines(String text, MessageReader reader) {
    Matcher matcher = ROLE_LINE.matcher(text);
    if (!matcher.find() || matcher.start() != 0) {
      return false;
    }
    String role = matcher.group(1);
    int contentStart = matcher.end();
    while (matcher.find()) {
      add(reader, role, text.substring(contentStart, matcher.start()));
      role = matcher.group(1);
      contentStart = matcher.end();
    }
    add(reader, role, text.substring(contentStart));
    return true;
  }

  private static void add(MessageReader reader, String role, String content) {
    reader.read(LenientJson.NODES.textNode(content.strip()), GenAiNormalizer.role(role));
  }
}
