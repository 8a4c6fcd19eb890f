package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.otlp.OtlpJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The captured recordings of real instrumentation libraries, through the real extractor, evaluator
 * and correction webhooks: a hallucinated answer and a PII leak each yield exactly one event naming
 * the right dimension, whose rewritten prompt carries the original question; a grounded answer
 * yields none.
 */
class CapturedCorrectionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAG_QUESTION =
      "How long are daily snapshots kept, and can I restore one into a different region on the"
          + " Starter plan?";
  private static final String PII_QUESTION =
      "Who handles payroll questions for the Berlin office and how can I contact them directly?";

  @TempDir Path directory;

  private CorrectionDispatcher dispatcher;

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"traceloop", "openinference"})
  void ragHallucinated_oneGroundednessEventWithOriginalQuestion(String library) throws Exception {
    List<JsonNode> events = eventsFor(library + "/rag_hallucinated.json");

    assertEquals(1, events.size());
    JsonNode event = events.get(0);
    assertEquals("evaluation.failed", event.get("type").asText());
    assertTrue(failedDimensions(event).contains("groundedness"), event.toString());
    assertTrue(lastUserMessage(event).contains(RAG_QUESTION), event.toString());
    assertTrue(systemMessage(event).contains("[doc-1] Acme Cloud Backup"), event.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"traceloop", "openinference"})
  void piiLeak_oneSafetyEventWithoutThePersonalData(String library) throws Exception {
    List<JsonNode> events = eventsFor(library + "/pii_leak.json");

    assertEquals(1, events.size());
    JsonNode event = events.get(0);
    assertTrue(failedDimensions(event).contains("safety"), event.toString());
    assertTrue(lastUserMessage(event).contains(PII_QUESTION), event.toString());
    String body = event.toString();
    assertFalse(body.contains("jane.doe@example.com"), body);
    assertFalse(body.contains("202-555-0147"), body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"traceloop", "openinference"})
  void ragGrounded_noEvent(String library) throws Exception {
    assertEquals(List.of(), eventsFor(library + "/rag_grounded.json"));
  }

  private List<JsonNode> eventsFor(String capture) throws Exception {
    Path local = directory.resolve("events.jsonl");
    CorrectionConfig config =
        CorrectionConfig.builder()
            .setLocalFile(local)
            .setDeadLetterFile(directory.resolve("dead.jsonl"))
            .build();
    dispatcher = new CorrectionDispatcher(config);
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            GenAiExtractor.standard(),
            new GenAiEvaluator(ScoringConfig.defaults()),
            SpanEnricher.withEvaluationEvents(),
            (span, attempt) -> dispatcher.offer(CorrectionCandidate.of(span, attempt)));
    String json =
        new String(
            WebhookSignerTest.resource("fixtures/captured/" + capture), StandardCharsets.UTF_8);

    // Twice, as a collector re-sending the batch would.
    processor.process(OtlpJson.parseTraces(json));
    processor.process(OtlpJson.parseTraces(json));
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    List<JsonNode> events = new ArrayList<>();
    if (Files.exists(local)) {
      for (String line : Files.readAllLines(local, StandardCharsets.UTF_8)) {
        assertEquals(List.of(), EventSchema.validate(line), line);
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  private static List<String> failedDimensions(JsonNode event) {
    List<String> names = new ArrayList<>();
    event.at("/data/failed_dimensions").forEach(f -> names.add(f.get("dimension").asText()));
    return names;
  }

  private static String lastUserMessage(JsonNode event) {
    String text = "";
    for (JsonNode message : event.at("/data/correction_plan/rewritten_prompt/messages")) {
      if (message.get("role").asText().equals("user")) {
        text = message.get("content").asText();
      }
    }
    return text;
  }

  private static String systemMessage(JsonNode event) {
    return event.at("/data/correction_plan/rewritten_prompt/messages/0/content").asText();
  }
}
