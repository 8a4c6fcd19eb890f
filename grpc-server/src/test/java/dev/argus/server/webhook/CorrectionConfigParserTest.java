package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.scoring.Severity;
import dev.argus.core.scoring.Dimension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrectionConfigParserTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, String> ENV =
      Map.of("APP_SECRET", "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=");

  @Test
  void parse_missingSection_isDefaults() {
    CorrectionConfig config = CorrectionConfigParser.parse(null, ENV::get);

    assertEquals(CorrectionConfig.defaults(), config);
    assertEquals(Path.of("argus-corrections.jsonl"), config.localFile());
    assertEquals(Duration.ofHours(24), config.retry().maxElapsedTime());
    assertTrue(config.subscribers().isEmpty());
  }

  @Test
  void parse_everyKey() throws Exception {
    CorrectionConfig config = CorrectionConfigParser.parse(section("correction-full.yaml"),
        ENV::get);

    assertEquals(3, config.policy().maxAttempts());
    assertEquals(Duration.ofMinutes(30), config.dedupeWindow());
    assertEquals("Only use the documents. Cite them.",
        config.templates().instruction(Dimension.GROUNDEDNESS));
    assertEquals("JSON only.", config.templates().jsonInstruction());
    assertEquals(Duration.ofSeconds(2), config.timeout());
    assertEquals(50, config.queueSize());
    assertEquals(new RetryConfig(Duration.ofMillis(500), Duration.ofMinutes(1), 3.0, 0.2,
        Duration.ofMinutes(90)), config.retry());
    assertEquals(new BreakerConfig(3, Duration.ofSeconds(45)), config.breaker());
    assertEquals(Path.of("/tmp/argus-test-dead.jsonl"), config.deadLetterFile());
    SubscriberConfig app = config.subscribers().get(0);
    assertEquals("app", app.name());
    assertEquals(URI.create("http://127.0.0.1:8089/argus"), app.endpoint());
    assertTrue(app.includeContent());
    assertEquals(new SubscriberFilter(Set.of(CorrectionEventType.EVALUATION_FAILED),
        Set.of(Dimension.GROUNDEDNESS, Dimension.SAFETY), Severity.MEDIUM,
        Set.of("support-bot"), Set.of("gpt-4o-mini")), app.filter());
  }

  @Test
  void parse_invalid_reportsEveryProblemWithoutSecrets() throws Exception {
    JsonNode section = section("correction-invalid.yaml");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CorrectionConfigParser.parse(section, ENV::get));

    String message = error.getMessage();
    for (String expected : new String[] {
        "correction.max_attempts: -1 (expected: >= 0)",
        "correction.dedupe_window: soon (expected: a positive duration such as 500ms, 5s, 10m,"
            + " 24h or 1h30m)",
        "correction.templates.honesty: Be honest. (expected: a dimension key, preamble or json,"
            + " with non-blank text)",
        "correction.webhooks.retry_on_failure.multiplier: 0.5 (expected: >= 1)",
        "correction.webhooks.subscribers[0].name:  (expected: non-blank text)",
        "correction.webhooks.subscribers[0].endpoint: ftp://example (expected: an http or https"
            + " URL with a host)",
        "correction.webhooks.subscribers[0].secret: [REDACTED] (expected: whsec_ and base64 of"
            + " 24 to 64 bytes; secret key is 5 bytes (expected: 24 to 64))",
        "correction.webhooks.subscribers[0].filter.event_types: evaluation.passed (expected:"
            + " evaluation.failed or correction.exhausted)",
        "correction.webhooks.subscribers[0].filter.dimensions: honesty (expected: one of",
        "correction.webhooks.subscribers[0].filter.min_severity: extreme (expected: low,"
            + " medium, high or critical)",
        "correction.webhooks.subscribers[1].secret_env: MISSING_SECRET (expected: a set"
            + " environment variable)",
        "correction.webhooks.sending_queue.queue_size: 0 (expected: > 0)"}) {
      assertTrue(message.contains(expected), "missing <" + expected + "> in:\n" + message);
    }
    assertFalse(message.contains("c2hvcnQ"));
  }

  @Test
  void parseDuration_forms() {
    assertEquals(Duration.ofMillis(500), CorrectionConfigParser.parseDuration("500ms"));
    assertEquals(Duration.ofMinutes(90), CorrectionConfigParser.parseDuration("1h30m"));
    assertEquals(Duration.ofHours(24), CorrectionConfigParser.parseDuration("24h"));
    assertNull(CorrectionConfigParser.parseDuration("5"));
    assertNull(CorrectionConfigParser.parseDuration("5s later"));
    assertNull(CorrectionConfigParser.parseDuration(""));
  }

  private static JsonNode section(String name) throws Exception {
    return YAML.readTree(WebhookSignerTest.resource("webhook/" + name)).get("correction");
  }
}
