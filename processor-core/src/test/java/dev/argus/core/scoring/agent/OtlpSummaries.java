package dev.argus.core.scoring.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.scoring.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reduces the spans of an OTLP/JSON trace fixture to {@link AgentSpanSummary} records. */
final class OtlpSummaries {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OtlpSummaries() {}

  static List<AgentSpanSummary> read(String path) {
    List<AgentSpanSummary> summaries = new ArrayList<>();
    for (JsonNode resourceSpans : Fixtures.json(path).get("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
        for (JsonNode span : scopeSpans.get("spans")) {
          summaries.add(summary(span));
        }
      }
    }
    return summaries;
  }

  private static AgentSpanSummary summary(JsonNode span) {
    Map<String, JsonNode> attributes = new HashMap<>();
    for (JsonNode attribute : span.path("attributes")) {
      attributes.put(attribute.get("key").asText(), attribute.get("value"));
    }
    String operation = text(attributes.get("gen_ai.operation.name"));
    AgentSpanSummary.Role role =
        "invoke_agent".equals(operation)
            ? AgentSpanSummary.Role.AGENT
            : "execute_tool".equals(operation)
                ? AgentSpanSummary.Role.TOOL
                : "chat".equals(operation)
                    ? AgentSpanSummary.Role.MODEL
                    : AgentSpanSummary.Role.OTHER;
    boolean failed =
        span.path("status").path("code").asInt() == 2 || attributes.containsKey("error.type");
    long tokens =
        number(attributes.get("gen_ai.usage.input_tokens"))
            + number(attributes.get("gen_ai.usage.output_tokens"));
    String parent = span.path("parentSpanId").asText("");
    return new AgentSpanSummary(
        span.get("traceId").asText(),
        span.get("spanId").asText(),
        parent.isEmpty() ? null : parent,
        role,
        text(attributes.get("gen_ai.tool.name")),
        text(attributes.get("gen_ai.tool.call.id")),
        failed,
        plannedToolCalls(text(attributes.get("gen_ai.output.messages"))),
        tokens,
        0.0,
        Long.parseLong(span.get("endTimeUnixNano").asText()));
  }

  private static int plannedToolCalls(String outputMessages) {
    if (outputMessages == null) {
      return 0;
    }
    int count = 0;
    try {
      for (JsonNode message : MAPPER.readTree(outputMessages)) {
        for (JsonNode part : message.path("parts")) {
          count += "tool_call".equals(part.path("type").asText()) ? 1 : 0;
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return count;
  }

  private static String text(JsonNode value) {
    return value == null || !value.has("stringValue") ? null : value.get("stringValue").asText();
  }

  private static long number(JsonNode value) {
    if (value == null) {
      return 0;
    }
    JsonNode v = value.has("intValue") ? value.get("intValue") : value.get("stringValue");
    return v == null ? 0 : Long.parseLong(v.asText());
  }
}
