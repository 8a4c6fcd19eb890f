package dev.argus.server.admin;

import static dev.argus.server.otlp.JsonProblems.kind;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /v1/evaluate} (see {@code deploy/schemas/evaluate-request
 * .schema.json}) into a {@link ScoringInput}, reporting every problem at once. A problem names the
 * JSON type of a bad value, never the value: a request field may hold personal data.
 */
final class EvaluateRequest {
  /** Convention name given to inline calls, as spans carry the producer's convention. */
  static final String CONVENTION = "argus.inline";

  // Decimals, not doubles: 1e-400 is a fraction rather than 0, and 1e999 too large rather than
  // infinite, so a count gets the problem it has. A field given twice is refused: read last-wins,
  // a second "completion" would be scored in place of the one the caller's checks saw.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
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
  private static final Set<String> DOCUMENT_FIELDS = Set.of("id", "content", "score");
  // latency_ms becomes nanoseconds in a long; the same bound keeps every count's message alike.
  private static final long MAX_COUNT = Long.MAX_VALUE / 1_000_000L;
  private static final String TOO_LARGE = "a number too large";

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
   * Returns {@code body} decoded as UTF-8, the only encoding JSON may be exchanged in (RFC 8259),
   * less a leading byte order mark. Read as bytes, the parser would guess UTF-16 or UTF-32 from the
   * first bytes and accept a body the endpoint does not take.
   */
  private static String utf8(byte[] body) throws InvalidException {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new InvalidException(List.of("(body): not valid UTF-8 (expected: JSON in UTF-8)"));
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
      root = JSON.readTree(utf8(body));
    } catch (JsonProcessingException e) {
      String duplicate = duplicateField(e);
      if (duplicate != null) {
        throw new InvalidException(List.of(duplicate));
      }
      String problem = JsonBodyProblem.describe(e, JSON.getFactory().streamReadConstraints());
      throw new InvalidException(List.of("(body): " + problem));
    } catch (IOException e) {
      throw new InvalidException(List.of("(body): cannot be read as JSON text"));
    } catch (NumberFormatException e) {
      // A valid JSON number with an exponent beyond what a decimal holds (1e-99999999999).
      throw new InvalidException(List.of("(body): holds a number out of range"));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidException(List.of("(body): expected a JSON object"));
    }
    List<String> problems = new ArrayList<>();
    unknownFields(root, "(body)", FIELDS, problems);
    GenAiCall call = call(root, problems);
    String service = text(root, "service_name", problems);
    String reference = text(root, "reference_answer", problems);
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    return new ScoringInput(call, service, reference);
  }

  /**
   * Adds a problem for each field of {@code object} not in {@code known}. The field is named by its
   * position, counted from 1, not by its name: a name the schema does not know is client text like
   * any value, and may be personal data.
   */
  private static void unknownFields(
      JsonNode object, String where, Set<String> known, List<String> problems) {
    Iterator<String> names = object.fieldNames();
    for (int position = 1; names.hasNext(); position++) {
      if (!known.contains(names.next())) {
        problems.add(
            where
                + " field "
                + position
                + ": unknown name (expected one of: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  /**
   * Returns the problem of a field given twice in the request or in one of its context documents,
   * or null for another failure or a field deeper down, which the body's problem places by line and
   * column. A name the schema knows is named; another is counted by its position, from 1, as an
   * unknown field is.
   */
  private static String duplicateField(JsonProcessingException failure) {
    if (!JsonBodyProblem.isDuplicateField(failure)
        || !(failure.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    // The parser stops on the second name: its object's current name and index are that field's.
    JsonStreamContext object = parser.getParsingContext();
    JsonStreamContext parent = object.getParent();
    if (!object.inObject() || parent == null) {
      return null;
    }
    String name = object.getCurrentName();
    int position = object.getCurrentIndex() + 1;
    if (parent.inRoot()) {
      return duplicateField("(body)", "", FIELDS, name, position);
    }
    JsonStreamContext field = parent.getParent();
    if (parent.inArray()
        && field != null
        && field.getParent() != null
        && field.getParent().inRoot()
        && "context".equals(field.getCurrentName())) {
      String key = "context[" + parent.getCurrentIndex() + "]";
      return duplicateField(key, key + ".", DOCUMENT_FIELDS, name, position);
    }
    return null;
  }

  private static String duplicateField(
      String where, String prefix, Set<String> known, String name, int position) {
    // Set.of throws on a null lookup.
    if (name != null && known.contains(name)) {
      return prefix + name + ": given more than once (expected: each field once)";
    }
    return where
        + " field "
        + position
        + ": the same name as an earlier field (expected: each field once)";
  }

  private static GenAiCall call(JsonNode root, List<String> problems) {
    String completion = requiredText(root, "completion", "the answer to evaluate", problems);
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
      RetrievedDocument document = document(node.get(i), "context[" + i + "]", problems);
      if (document != null) {
        documents.add(document);
      }
    }
    return documents;
  }

  /** Reads one entry of {@code context}: a string or {@code {id, content, score}}. */
  private static RetrievedDocument document(JsonNode item, String key, List<String> problems) {
    if (item.isTextual()) {
      return new RetrievedDocument(null, null, item.asText());
    }
    if (!item.isObject()) {
      problems.add(key + ": " + kind(item) + " (expected: a string or {id, content, score})");
      return null;
    }
    unknownFields(item, key, DOCUMENT_FIELDS, problems);
    String content = requiredText(item, "content", "the document's text", key + ".", problems);
    // id and score are checked even when content is bad, so one answer lists every problem.
    JsonNode id = item.get("id");
    if (id != null && !id.isNull() && !id.isTextual() && !id.isNumber()) {
      problems.add(key + ".id: " + kind(id) + " (expected: a string or a number)");
      id = null;
    }
    JsonNode score = item.get("score");
    if (score != null && !score.isNull() && !score.isNumber()) {
      problems.add(key + ".score: " + kind(score) + " (expected: a number)");
      score = null;
    } else if (score != null && score.isNumber() && !Double.isFinite(score.asDouble())) {
      // Retrievers score on any scale (cosine, BM25, distance), but 1e999 is on none of them.
      problems.add(key + ".score: out of range (expected: a finite number)");
      score = null;
    }
    if (content == null) {
      return null;
    }
    return new RetrievedDocument(
        id == null || id.isNull() ? null : id.asText(),
        score == null || score.isNull() ? null : score.asDouble(),
        content);
  }

  /**
   * Returns the string in {@code field}, or null after adding a problem. Null is refused as a
   * missing field is: the schema requires a string, and an answer of {@code not_evaluated} for a
   * request the caller believes complete would let an unchecked answer through.
   */
  private static String requiredText(
      JsonNode object, String field, String meaning, List<String> problems) {
    return requiredText(object, field, meaning, "", problems);
  }

  private static String requiredText(
      JsonNode object, String field, String meaning, String prefix, List<String> problems) {
    JsonNode node = object.get(field);
    if (node == null || !node.isTextual()) {
      String got = node == null ? "missing" : kind(node);
      problems.add(prefix + field + ": " + got + " (expected: " + meaning + ", a string)");
      return null;
    }
    return node.asText();
  }

  /** Reads an optional string; null counts as left out. */
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

  /** Reads an optional count; null counts as left out. */
  private static Long count(JsonNode root, String field, List<String> problems) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    String got = countProblem(node);
    if (got != null) {
      String expected = got.equals(TOO_LARGE) ? "<= " + MAX_COUNT : ">= 0";
      problems.add(field + ": " + got + " (expected: a whole number " + expected + ")");
      return null;
    }
    return node.asLong();
  }

  /** Returns what is wrong with {@code node} as a count, or null when it is one. */
  private static String countProblem(JsonNode node) {
    if (!node.isNumber()) {
      return kind(node);
    }
    if (!node.canConvertToExactIntegral()) {
      return "a fractional number";
    }
    // The sign of the decimal, never the integer: 1e999999999 would have a billion digits.
    if (node.decimalValue().signum() < 0) {
      return "a negative number";
    }
    if (!node.canConvertToLong() || node.asLong() > MAX_COUNT) {
      return TOO_LARGE;
    }
    return null;
  }
}
