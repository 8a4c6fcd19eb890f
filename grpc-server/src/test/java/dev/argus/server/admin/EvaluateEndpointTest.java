package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.extract.ExtractedCall;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RawHttp;
import dev.argus.server.testing.RunningArgus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inline evaluation API of a running ARGUS, over real sockets: decisions on captured calls,
 * problems listed without the client's values, the published schemas and the body limits.
 */
class EvaluateEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAPTURED = "fixtures/captured/openinference/";
  private static final int BODY_LIMIT_KIB = 64;
  private static final Schema REQUEST = schema("schemas/evaluate-request.schema.json");
  private static final Schema RESPONSE = schema("schemas/evaluate-response.schema.json");

  private static RunningArgus argus;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    argus =
        RunningArgus.start(
            "extensions:\n"
                + "  admin:\n"
                + "    endpoint: \"127.0.0.1:0\"\n"
                + "    evaluate: {max_request_body_size_kib: "
                + BODY_LIMIT_KIB
                + "}\n",
            new GenAiEvaluator(ScoringConfig.defaults()));
    admin = new AdminClient(argus.server.adminPort());
  }

  @AfterAll
  static void stop() throws Exception {
    argus.close();
  }

  @Test
  void head_evaluateIs405WithAllowAndNoBody() throws Exception {
    RawHttp.Answer head = RawHttp.exchange(argus.server.adminPort(), "HEAD", "/v1/evaluate");

    assertEquals(405, head.status(), head.raw());
    assertEquals(Optional.of("POST"), head.header("Allow"));
    assertEquals("", head.body());
  }

  @Test
  void evaluate_blocksCapturedPiiLeakWithoutEchoingIt() throws Exception {
    ObjectNode body = requestFor("pii_leak.pb");

    HttpResponse<String> response = evaluate(body);

    assertEquals(200, response.statusCode(), response.body());
    assertValid(RESPONSE, response.body());
    JsonNode answer = JSON.readTree(response.body());
    assertEquals("block", answer.get("decision").asText());
    assertEquals("safety", answer.get("blocked_by").get(0).asText());
    assertEquals(Verdict.FAIL.label(), answer.get("verdict").asText());
    assertTrue(answer.get("dimensions").get("safety").get("failed").asBoolean());
    JsonNode correction = answer.get("correction");
    assertFalse(correction.isNull());
    String rewritten = correction.get("rewritten_prompt").get("messages").toString();
    assertTrue(rewritten.contains("payroll questions"), rewritten);
    // The answer carries kinds and counts of what leaked, never the values.
    String text = response.body();
    for (String secret : List.of("jane.doe@example.com", "202-555-0147", "Jane Doe")) {
      assertFalse(text.contains(secret), "echoed " + secret + ": " + text);
    }
  }

  @Test
  void evaluate_allowsCapturedGroundedRagAnswer() throws Exception {
    ObjectNode body = requestFor("rag_grounded.pb");
    assertTrue(body.get("context").size() > 0, body.toString());

    HttpResponse<String> response = evaluate(body);

    assertEquals(200, response.statusCode(), response.body());
    assertValid(RESPONSE, response.body());
    JsonNode answer = JSON.readTree(response.body());
    assertEquals("allow", answer.get("decision").asText(), response.body());
    assertEquals(Verdict.PASS.label(), answer.get("verdict").asText(), response.body());
    assertTrue(answer.get("dimensions").get("groundedness").get("applicable").asBoolean());
    assertTrue(answer.get("correction").isNull());
  }

  @Test
  void evaluate_countsDecisions() throws Exception {
    Map<String, Double> before = admin.metrics();

    evaluate(requestFor("pii_leak.pb"));
    evaluate(JSON.createObjectNode().put("completion", "x").put("prompt", "y").put("model", 1));
    Map<String, Double> after = admin.metrics();

    assertEquals(
        1, AdminClient.delta(before, after, "argus_inline_evaluations_total{decision=\"block\"}"));
    assertEquals(1, AdminClient.delta(before, after, "argus_inline_invalid_requests_total"));
  }

  @Test
  void evaluate_badJsonIs400WithTheParserMessage() throws Exception {
    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", "{\"completion\": ".getBytes());

    assertEquals(400, response.statusCode());
    JsonNode error = JSON.readTree(response.body());
    assertTrue(
        error.get("problems").get(0).asText().startsWith("(body): not valid JSON"),
        response.body());
  }

  @Test
  void evaluate_wrongFieldsAre400ListingEveryProblemWithoutTheirValues() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("prompt", "hi");
    body.putArray("completion").add("call me at +1 202-555-0147");
    body.put("latency_ms", -5);
    body.put("colour", "blue");
    assertFalse(REQUEST.validate(body.toString(), InputFormat.JSON).isEmpty());

    HttpResponse<String> response = evaluate(body);

    assertEquals(400, response.statusCode());
    List<String> problems = problems(response);
    assertEquals(
        List.of(
            "(body) field 4: unknown name (expected one of: completion, context, finish_reason,"
                + " input_tokens, latency_ms, model, output_tokens, prompt, provider,"
                + " reference_answer, requested_format, service_name, system_instructions)",
            "completion: an array (expected: the answer to evaluate, a string)",
            "latency_ms: a negative number (expected: a whole number >= 0)"),
        problems);
    for (String value : List.of("202-555-0147", "-5", "colour", "blue")) {
      assertFalse(response.body().contains(value), response.body());
    }
  }

  @Test
  void evaluate_missingCompletionIs400() throws Exception {
    HttpResponse<String> response = evaluate(JSON.createObjectNode().put("prompt", "hi"));

    assertEquals(400, response.statusCode());
    assertEquals(
        List.of("completion: missing (expected: the answer to evaluate, a string)"),
        problems(response));
  }

  @Test
  void evaluate_nullCompletionIs400LikeAMissingOne() throws Exception {
    ObjectNode body = JSON.createObjectNode().put("prompt", "hi").putNull("completion");
    assertFalse(REQUEST.validate(body.toString(), InputFormat.JSON).isEmpty());

    HttpResponse<String> response = evaluate(body);

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of("completion: null (expected: the answer to evaluate, a string)"),
        problems(response));
  }

  @Test
  void evaluate_badContextDocumentListsEveryProblemOfTheDocument() throws Exception {
    String body =
        "{\"completion\":\"ok\",\"context\":[{\"id\":[1],\"content\":true,\"score\":\"high\"}]}";
    assertFalse(REQUEST.validate(body, InputFormat.JSON).isEmpty());

    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of(
            "context[0].content: a boolean (expected: the document's text, a string)",
            "context[0].id: an array (expected: a string or a number)",
            "context[0].score: a string (expected: a number)"),
        problems(response));
    assertFalse(response.body().contains("high"), response.body());
  }

  @Test
  void evaluate_scoreNoDoubleHoldsIs400() throws Exception {
    String body =
        "{\"completion\":\"ok\",\"context\":[{\"content\":\"a\",\"score\":0.8},"
            + "{\"content\":\"b\",\"score\":-1e999}]}";

    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of("context[1].score: out of range (expected: a finite number)"), problems(response));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e999: a number too large",
        "1e999999999: a number too large",
        "-1e999: a negative number",
        "1e-400: a fractional number",
        "2.5: a fractional number"
      })
  void evaluate_countsThatNoLongHoldsGetTheirOwnProblem(String numberAndProblem) throws Exception {
    String number = numberAndProblem.substring(0, numberAndProblem.indexOf(':'));
    String problem = numberAndProblem.substring(numberAndProblem.indexOf(':') + 2);
    String body = "{\"completion\":\"ok\",\"output_tokens\":" + number + "}";

    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode(), response.body());
    List<String> problems = problems(response);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("output_tokens: " + problem), problems.toString());
  }

  @Test
  void evaluate_numberNoDecimalHoldsIs400() throws Exception {
    String body = "{\"completion\":\"ok\",\"latency_ms\":1e-99999999999}";

    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(List.of("(body): holds a number out of range"), problems(response));
  }

  /** The server accepts exactly the bodies the published request schema accepts. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"completion\": \"ok\"}",
        "{\"completion\": null}",
        "{\"completion\": \"\"}",
        "{\"completion\": \"ok\", \"prompt\": null, \"model\": null, \"context\": null}",
        "{\"completion\": \"ok\", \"input_tokens\": null, \"latency_ms\": 0}",
        "{\"completion\": \"ok\", \"input_tokens\": 5.0}",
        "{\"completion\": \"ok\", \"input_tokens\": 5.5}",
        "{\"completion\": \"ok\", \"output_tokens\": 9223372036854}",
        "{\"completion\": \"ok\", \"output_tokens\": 9223372036855}",
        "{\"completion\": \"ok\", \"context\": [\"a\", {\"content\": \"b\", \"id\": 7,"
            + " \"score\": null}]}",
        "{\"completion\": \"ok\", \"context\": [{\"content\": null}]}",
        "{\"completion\": \"ok\", \"context\": [{\"id\": \"d1\"}]}",
        "{\"completion\": \"ok\", \"context\": [{\"content\": \"b\", \"id\": true}]}",
        "{\"completion\": \"ok\", \"context\": [{\"content\": \"b\", \"src\": \"x\"}]}",
        "{\"completion\": \"ok\", \"context\": 3}",
        "{\"completion\": \"ok\", \"context\": [{\"content\": \"b\", \"score\": -3.5e7}]}",
        "{\"completion\": \"ok\", \"context\": [{\"content\": \"b\", \"score\": 1e999}]}",
        "{\"completion\": \"ok\", \"extra\": null}"
      })
  void evaluate_acceptsExactlyWhatTheSchemaAccepts(String body) throws Exception {
    boolean schemaValid = REQUEST.validate(body, InputFormat.JSON).isEmpty();

    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertEquals(schemaValid ? 200 : 400, response.statusCode(), body + " -> " + response.body());
  }

  /** The README's curl example gets the answer the README shows, value for value. */
  @Test
  void evaluate_readmeExampleAnswersAsDocumented() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("### Inline evaluation"));
    String curl = section.substring(section.indexOf("curl -s "), section.indexOf("\n```\n"));
    String request = curl.substring(curl.indexOf("-d '") + 4, curl.lastIndexOf('\''));
    int answerStart = section.indexOf("```json\n") + "```json\n".length();
    String answer = section.substring(answerStart, section.indexOf("```", answerStart));
    JsonNode documented = JSON.readTree(answer);

    HttpResponse<String> response =
        admin.post("/v1/evaluate", "application/json", request.getBytes(StandardCharsets.UTF_8));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(documented, JSON.readTree(response.body()));
  }

  @Test
  void evaluate_bodyOverTheLimitIs413() throws Exception {
    String completion = "a".repeat(BODY_LIMIT_KIB * 1024);
    ObjectNode body = JSON.createObjectNode().put("completion", completion);

    HttpResponse<String> response = evaluate(body);

    assertEquals(413, response.statusCode());
    assertTrue(response.body().contains("max_request_body_size_kib"), response.body());
  }

  @Test
  void evaluate_chunkedBodyOverTheLimitIs413() throws Exception {
    byte[] body =
        ("{\"completion\": \"" + "a".repeat(BODY_LIMIT_KIB * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    // No Content-Length: the limit must hold while reading, not only from the header.
    HttpResponse<String> response = admin.postChunked("/v1/evaluate", body);

    assertEquals(413, response.statusCode());
  }

  @Test
  void evaluate_otherMethodIs405WithAllow() throws Exception {
    HttpResponse<String> response = admin.get("/v1/evaluate");

    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("error").asText();
  }

  private static HttpResponse<String> evaluate(ObjectNode body) throws Exception {
    return admin.post(
        "/v1/evaluate", "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Returns a request with the content of the captured call in {@code file}, schema-checked. */
  private static ObjectNode requestFor(String file) throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.parseFrom(OtlpSender.resource(CAPTURED + file));
    GenAiCall call =
        GenAiExtractor.standard().extract(request).stream()
            .map(ExtractedCall::call)
            .filter(GenAiCall::hasCompletion)
            .findFirst()
            .orElseThrow();
    ObjectNode body = JSON.createObjectNode();
    body.put("prompt", call.prompt());
    String system =
        call.inputMessages().stream()
            .filter(message -> message.role().equals("system"))
            .map(ChatMessage::text)
            .collect(Collectors.joining("\n"));
    body.put("system_instructions", system.isEmpty() ? call.systemInstructions() : system);
    ArrayNode context = body.putArray("context");
    for (RetrievedDocument document : call.retrievedContext()) {
      ObjectNode item = context.addObject().put("content", document.content());
      if (document.id() != null) {
        item.put("id", document.id());
      }
    }
    body.put("completion", call.completion());
    body.put("model", call.model());
    body.put("provider", call.provider());
    body.put("service_name", "checkout");
    if (!call.finishReasons().isEmpty()) {
      body.put("finish_reason", call.finishReasons().get(0));
    }
    assertValid(REQUEST, body.toString());
    return body;
  }

  private static List<String> problems(HttpResponse<String> response) throws Exception {
    JsonNode problems = JSON.readTree(response.body()).get("problems");
    return JSON.convertValue(
        problems, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  private static void assertValid(Schema schema, String json) {
    List<String> errors =
        schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    assertTrue(errors.isEmpty(), errors + " in " + json);
  }

  private static Schema schema(String resource) {
    String text = new String(OtlpSender.resource(resource), StandardCharsets.UTF_8);
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text, InputFormat.JSON);
  }
}
