package dev.argus.core.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link GenAiCall}s from the captured scenarios' manifest: the last call of each scenario,
 * as an extractor would read it from the recorded spans.
 */
final class CapturedCalls {

  private CapturedCalls() {}

  static JsonNode scenario(String id) {
    for (JsonNode scenario : Fixtures.json("fixtures/captured/manifest.json").get("scenarios")) {
      if (scenario.get("id").asText().equals(id)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("no scenario " + id);
  }

  static List<String> scenarioIds() {
    List<String> ids = new ArrayList<>();
    for (JsonNode scenario : Fixtures.json("fixtures/captured/manifest.json").get("scenarios")) {
      ids.add(scenario.get("id").asText());
    }
    return ids;
  }

  /**
   * Returns the scenario's last call. With {@code contextAsDocuments} the manifest's context is
   * given as retrieved documents; otherwise it is only inside the messages, as sent.
   */
  static GenAiCall call(String id, boolean contextAsDocuments) {
    JsonNode scenario = scenario(id);
    JsonNode calls = scenario.get("calls");
    JsonNode last = calls.get(calls.size() - 1);
    JsonNode request = last.get("request");
    JsonNode response = last.get("response");
    String api = scenario.get("api").asText();
    GenAiCall.Builder call =
        GenAiCall.builder()
            .setConvention("test")
            .setOperation(api.equals("embeddings") ? "embeddings" : "chat")
            .setProvider("openai")
            .setRequestModel(request.path("model").asText(null))
            .setContentStatus(ContentStatus.CAPTURED);
    if (request.has("messages")) {
      messages(call, request.get("messages"));
    } else if (request.has("instructions")) {
      call.setSystemInstructions(request.get("instructions").asText());
      call.setPrompt(request.get("input").asText());
      call.setInputMessages(
          List.of(
              ChatMessage.of("system", request.get("instructions").asText()),
              ChatMessage.of("user", request.get("input").asText())));
    }
    if ("json_object".equals(request.path("response_format").path("type").asText())) {
      call.setRequestedFormat("json");
    }
    if (response.has("http_status")) {
      call.setErrorType("BadRequestError");
    } else {
      call.setCompletion(response.path("content").asText(""));
      call.setToolCalls(toolCalls(response.path("tool_calls")));
      String finish = response.path("finish_reason").asText(null);
      if (finish != null) {
        call.setFinishReasons(List.of(finish.equals("tool_calls") ? "tool_call" : finish));
      }
    }
    if (contextAsDocuments && scenario.hasNonNull("context") && !toolGrounded(scenario)) {
      call.addRetrievedDocument(
          new RetrievedDocument(null, null, scenario.get("context").asText()));
    }
    return call.build();
  }

  private static boolean toolGrounded(JsonNode scenario) {
    return scenario.get("expected_verdicts").path("grounding_source").asText().contains("tool");
  }

  private static void messages(GenAiCall.Builder call, JsonNode messages) {
    List<ChatMessage> history = new ArrayList<>();
    String prompt = "";
    StringBuilder system = new StringBuilder();
    for (JsonNode message : messages) {
      String role = message.get("role").asText();
      String content = message.path("content").isNull() ? "" : message.path("content").asText("");
      history.add(
          new ChatMessage(
              role,
              content,
              toolCalls(message.path("tool_calls")),
              message.path("tool_call_id").asText(null)));
      if (role.equals("user")) {
        prompt = content;
      } else if (role.equals("system")) {
        system.append(system.length() > 0 ? "\n" : "").append(content);
      }
    }
    call.setInputMessages(history).setPrompt(prompt).setSystemInstructions(system.toString());
  }

  private static List<ToolCall> toolCalls(JsonNode calls) {
    List<ToolCall> result = new ArrayList<>();
    if (calls.isArray()) {
      for (JsonNode call : calls) {
        result.add(
            new ToolCall(
                call.path("id").asText(null),
                call.path("function").path("name").asText(null),
                call.path("function").path("arguments").asText(null)));
      }
    }
    return result;
  }
}
