package dev.argus.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import dev.argus.server.otlp.JsonProblems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /v1/evaluate} (see {@code deploy/schemas/evaluate-request
 * .schema.json}) into a {@link ScoringInput}, reporting every problem at once.
 */
final class EvaluateRequest {
  /** Convention name given to inline calls, as spans carry the producer's convention. */
  static final String CONVENTION = "argus.inline";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> FIELDS =
      Set.of(
          "prompt",
          "system_instructions",
          "context",
          "completion",
          "model",
          "provider",
          "service_name",
          "reference_answer",
          "finish_reason",
          "requested_format",
          "input_tokens",
          "output_tokens",
          "latency_ms");

  private EvaluateRequest() {}

  /** Thrown for a body that is not a valid request; the message lists every problem. */
  static final class InvalidException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidException(List<String> problems) {
      super(String.join("; ", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  /**
   * Returns the scoring input in {@code body}.
   *
   * @throws InvalidException when the body is not JSON or breaks the schema
   */
  static ScoringInput parse(byte[] body) throws InvalidException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidException(List.of("(body): not valid JSON: " + JsonProblems.describe(e)));
    } catch (IOException e) {
      throw new InvalidException(List.of("(body): cannot be read: " + e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidException(List.of("(body): expected a JSON object"));
    }
    List<String> problems = new ArrayList<>();
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        problems.add(name + ": unknown field (expected one of: " + String.join(", ",
            FIELDS.stream().sorted().toList()) + ")");
      }
    }
    GenAiCall call = call(root, problems);
    String service = text(root, "service_name", problems);
    String reference = text(root, "reference_answer", problems);
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    return new ScoringInput(call, service, reference);
  }

  private static GenAiCall call(JsonNode root, List<String> problems) {
    String completion = text(root, "completion", problems);
    if (completion == null && !root.has("completion")) {
      problems.add("completion: missing (expected: the answer to evaluate, a string)");
    }
    String finishReason = text(root, "finish_reason", problems);
    Long input = count(root, "input_tokens", problems);
    Long output = count(root, "output_tokens", problems);
    Long latencyMillis = count(root, "latency_ms", problems);
    GenAiCall.Builder call =
        GenAiCall.builder()
            .setConvention(CONVENTION)
            .setOperation("chat")
            .setPrompt(text(root, "prompt", problems))
            .setSystemInstructions(text(root, "system_instructions", problems))
            .setCompletion(completion)
            .setRequestModel(text(root, "model", problems))
            .setProvider(text(root, "provider", problems))
            .setRequestedFormat(text(root, "requested_format", problems))
            .setFinishReasons(finishReason == null ? List.of() : List.of(finishReason))
            .setUsage(
                input == null && output == null
                    ? TokenUsage.UNKNOWN
                    : new TokenUsage(input, output, null, null, null))
            .setDurationNanos(latencyMillis == null ? 0 : latencyMillis * 1_000_000L)
            .setContentStatus(ContentStatus.CAPTURED)
            .setRetrievedContext(context(root.get("context"), problems));
    return call.build();
  }

  /** Reads {@code context}: a string, or a list of strings or {@code {id, content, score}}. */
  private static List<RetrievedDocument> context(JsonNode node, List<String> problems) {
    List<RetrievedDocument> documents = new ArrayList<>();
    if (node == null || node.isNull()) {
      return documents;
    }
    if (node.isTextual()) {
      documents.add(new RetrievedDocument(null, null, node.asText()));
      return documents;
    }
    if (!node.isArray()) {
      problems.add("context: " + kind(node) + " (expected: a string or a list of documents)");
      return documents;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String key = "context[" + i + "]";
      if (item.isTextual()) {
        documents.add(new RetrievedDocument(null, null, item.asText()));
      } else if (item.isObject() && item.path("content").isTextual()) {
        JsonNode id = item.get("id");
        JsonNode score = item.get("score");
        if (score != null && !score.isNull() && !score.isNumber()) {
          problems.add(key + ".score: " + kind(score) + " (expected: a number)");
        }
        documents.add(
            new RetrievedDocument(
                id == null || id.isNull() ? null : id.asText(),
                score != null && score.isNumber() ? score.asDouble() : null,
                item.get("content").asText()));
      } else {
        problems.add(key + ": " + kind(item) + " (expected: a string or {id, content, score})");
      }
    }
    return documents;
  }

  private static String text(JsonNode root, String field, List<String> problems) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(field + ": " + kind(node) + " (expected: a string)");
      return null;
    }
    return node.asText();
  }

  private static Long count(JsonNode root, String field, List<String> problems) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0
        || node.asLong() > Long.MAX_VALUE / 1_000_000L) {
      problems.add(field + ": " + kind(node) + " (expected: a whole number >= 0)");
      return null;
    }
    return node.asLong();
  }

  /**
   * Names the JSON type of a bad value rather than quoting it: a request field may hold personal
   * data, and an error message is no place to repeat it.
   */
  private static String kind(JsonNode node) {
    if (node.isNumber()) {
      return node.asText();
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
  }
}
