package dev.argus.semconv.extract;

import static dev.argus.semconv.GenAiAttributes.GEN_AI_EVENT_CONTENT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiEvents;
import dev.argus.semconv.model.ContentFlag;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Map;

/**
 * The per-message events of semantic conventions v1.28 to v1.36: {@code gen_ai.system.message},
 * {@code gen_ai.user.message}, {@code gen_ai.assistant.message}, {@code gen_ai.tool.message} and
 * {@code gen_ai.choice}. As OTLP log records (the specified form) the message is the record body;
 * as span events (Azure AI Inference SDK, Semantic Kernel) it is JSON in the attribute {@code
 * gen_ai.event.content}, or a {@code content} attribute (LiteLLM). Event order is kept: several
 * messages often share one timestamp.
 */
public final class MessageEventsExtractor implements ConventionExtractor {

  /** The value of {@link #name()}. */
  public static final String NAME = "otel.genai.message_events";

  private static final Map<String, String> INPUT_ROLES =
      Map.of(
          GenAiEvents.GEN_AI_SYSTEM_MESSAGE,
          "system",
          GenAiEvents.GEN_AI_USER_MESSAGE,
          "user",
          GenAiEvents.GEN_AI_ASSISTANT_MESSAGE,
          "assistant",
          GenAiEvents.GEN_AI_TOOL_MESSAGE,
          "tool",
          "gen_ai.tools.message",
          "tool");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(SpanView view) {
    for (ContentEvent event : view.events()) {
      if (INPUT_ROLES.containsKey(event.name()) || event.name().equals(GenAiEvents.GEN_AI_CHOICE)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public GenAiCall extract(SpanView view) {
    MessageReader input = new MessageReader();
    MessageReader output = new MessageReader();
    CallContent content = new CallContent();
    for (ContentEvent event : view.events()) {
      String role = INPUT_ROLES.get(event.name());
      if (role != null) {
        read(event, role, input, content, ContentFlag.INPUT_TRUNCATED);
      } else if (event.name().equals(GenAiEvents.GEN_AI_CHOICE)) {
        read(event, "assistant", output, content, ContentFlag.OUTPUT_TRUNCATED);
      }
    }
    content.inputFrom(input).outputFrom(output);
    GenAiCall.Builder builder = GenAiCall.builder().setConvention(NAME);
    content.applyTo(builder);
    return SemconvMetadata.read(view, builder).build();
  }

  private static void read(
      ContentEvent event,
      String role,
      MessageReader reader,
      CallContent content,
      ContentFlag truncated) {
    if (MessageStream.readOne(streamable(event), role, reader)) {
      return;
    }
    JsonNode message = message(event, content, truncated);
    if (message == null) {
      // Content capture off: the event exists but says nothing; keep the turn as empty.
      reader.read(LenientJson.NODES.objectNode(), role);
      return;
    }
    reader.read(message, role);
  }

  /**
   * Returns the value {@link #message} would parse as JSON text: a string body, else a string
   * {@code gen_ai.event.content} attribute, else a string {@code content} when that one is absent;
   * null otherwise.
   */
  private static AnyValue streamable(ContentEvent event) {
    if (event.body() != null) {
      return event.body().hasStringValue() ? event.body() : null;
    }
    AnyValue value = event.attributes().get(GEN_AI_EVENT_CONTENT);
    return value != null ? value : event.attributes().get("content");
  }

  private static JsonNode message(ContentEvent event, CallContent content, ContentFlag truncated) {
    if (event.body() != null) {
      JsonNode body = AnyValues.toJson(event.body());
      if (body != null && body.isTextual()) {
        LenientJson.Parsed parsed = LenientJson.parse(body.asText());
        if (parsed.truncated()) {
          content.flag(truncated);
          return null;
        }
        return parsed.node() != null ? parsed.node() : body;
      }
      return body;
    }
    AttributeMap.JsonValue value = event.attributes().json(GEN_AI_EVENT_CONTENT);
    if (!value.present()) {
      value = event.attributes().json("content");
    }
    if (value.truncated()) {
      content.flag(truncated);
      return null;
    }
    if (value.node() != null) {
      return value.node();
    }
    return value.text() == null ? null : LenientJson.NODES.textNode(value.text());
  }
}
