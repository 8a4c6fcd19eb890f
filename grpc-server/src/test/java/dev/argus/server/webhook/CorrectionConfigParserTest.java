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
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.Severity;
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
  private static final String SECRET = ENV.get("APP_SECRET");

  @Test
  void parse_missingSection_isDefaults() {
    CorrectionConfig config = CorrectionConfigParser.parse(null, ENV::get);

    assertEquals(CorrectionConfig.defaults(), config);
    assertEquals(Path.of("argus-corrections.jsonl"), config.localFile());
    assertEquals(64, config.localFileMaxMib());
    assertEquals(Duration.ofHours(24), config.retry().maxElapsedTime());
    assertTrue(config.subscribers().isEmpty());
  }

  @Test
  void parse_everyKey() throws Exception {
    CorrectionConfig config =
        CorrectionConfigParser.parse(section("correction-full.yaml"), ENV::get);

    assertEquals(3, config.policy().maxAttempts());
    assertEquals(Duration.ofMinutes(30), config.dedupeWindow());
    assertEquals(16, config.localFileMaxMib());
    assertEquals(
        "Only use the documents. Cite them.",
        config.templates().instruction(Dimension.GROUNDEDNESS));
    assertEquals("JSON only.", config.templates().jsonInstruction());
    assertEquals(Duration.ofSeconds(2), config.timeout());
    assertEquals(50, config.queueSize());
    assertEquals(
        new RetryConfig(
            Duration.ofMillis(500), Duration.ofMinutes(1), 3.0, 0.2, Duration.ofMinutes(90)),
        config.retry());
    assertEquals(new BreakerConfig(3, Duration.ofSeconds(45)), config.breaker());
    assertEquals(Path.of("/tmp/argus-test-dead.jsonl"), config.deadLetterFile());
    SubscriberConfig app = config.subscribers().get(0);
    assertEquals("app", app.name());
    assertEquals(URI.create("http://127.0.0.1:8089/argus"), app.endpoint());
    assertTrue(app.includeContent());
    assertEquals(
        new SubscriberFilter(
            Set.of(CorrectionEventType.EVALUATION_FAILED),
            Set.of(Dimension.GROUNDEDNESS, Dimension.SAFETY),
            Severity.MEDIUM,
            Set.of("support-bot"),
            Set.of("gpt-4o-mini")),
        app.filter());
  }

  @Test
  void parse_invalid_reportsEveryProblemWithoutSecrets() throws Exception {
    JsonNode section = section("correction-invalid.yaml");

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> CorrectionConfigParser.parse(section, ENV::get));

    String message = error.getMessage();
    for (String expected :
        new String[] {
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
          "correction.webhooks.sending_queue.queue_size: 0 (expected: > 0)"
        }) {
      assertTrue(message.contains(expected), "missing <" + expected + "> in:\n" + message);
    }
    assertFalse(message.contains("c2hvcnQ"));
  }

  @Test
  void parse_wrongNodeTypes_reportedOneByOne() throws Exception {
    String[][] cases = {
      {
        "webhooks: {subscribers: {a: 1}}",
        "correction.webhooks.subscribers: {\"a\":1} (expected: a list)"
      },
      {"webhooks: 7", "correction.webhooks: 7 (expected: a mapping with keys"},
      {"templates: [1]", "correction.templates: [1] (expected: a mapping of dimension keys"},
      {
        "templates: {preamble: [a]}",
        "correction.templates.preamble: [\"a\"] (expected: a" + " single value)"
      },
      {
        "webhooks: {subscribers: [7]}",
        "correction.webhooks.subscribers[0]: 7 (expected: a mapping with keys"
      },
      {
        "webhooks: {subscribers: [{name: a, endpoint: 'http://h/', secret_env: S, filter: 3}]}",
        "correction.webhooks.subscribers[0].filter: 3 (expected: a mapping with keys"
      },
      {
        "webhooks: {subscribers: [{name: a, endpoint: 'http://h/', secret_env: S,"
            + " filter: {service_names: 5}}]}",
        "correction.webhooks.subscribers[0].filter.service_names: 5 (expected: a list)"
      },
      {
        "webhooks: {subscribers: [{name: a, endpoint: 'http://h/', secret_env: S,"
            + " filter: {models: [{x: 1}]}}]}",
        "correction.webhooks.subscribers[0].filter.models[0]: {\"x\":1} (expected: a single"
            + " value)"
      },
      {
        "webhooks: {subscribers: [{name: [a], endpoint: {u: 1}, secret_env: S}]}",
        "correction.webhooks.subscribers[0].name: [\"a\"] (expected: a single value)"
      },
      {
        "webhooks: {subscribers: [{name: a, endpoint: 'http://h/', secret_env: S,"
            + " include_content: 3}]}",
        "correction.webhooks.subscribers[0].include_content: 3 (expected: true or false)"
      },
      {
        "webhooks: {retry_on_failure: {randomization_factor: 2}}",
        "correction.webhooks.retry_on_failure.randomization_factor: 2 (expected: a number"
            + " from 0 up to but not including 1)"
      },
      {
        "webhooks: {retry_on_failure: {multiplier: fast}}",
        "correction.webhooks.retry_on_failure.multiplier: fast (expected: >= 1)"
      },
      {
        "webhooks: {retry_on_failure: [1]}",
        "correction.webhooks.retry_on_failure: [1] (expected: a mapping with keys"
      },
      {
        "webhooks: {sending_queue: 5}",
        "correction.webhooks.sending_queue: 5 (expected: a mapping with keys queue_size)"
      },
      {
        "webhooks: {circuit_breaker: {failure_threshold: 0}}",
        "correction.webhooks.circuit_breaker.failure_threshold: 0 (expected: > 0)"
      },
      {
        "webhooks: {timeout: [1s]}",
        "correction.webhooks.timeout: [\"1s\"] (expected: a single value)"
      },
      {"enabled: maybe", "correction.enabled: maybe (expected: true or false)"},
      {"max_attempts: {a: 1}", "correction.max_attempts: {\"a\":1} (expected: a single value)"},
      {"local_file: [a]", "correction.local_file: [\"a\"] (expected: a single value)"},
      {"local_file_max_mib: 0", "correction.local_file_max_mib: 0 (expected: > 0)"},
      {"local_file_max_mib: lots", "correction.local_file_max_mib: lots (expected: an integer)"},
    };
    for (String[] example : cases) {
      JsonNode section = YAML.readTree(example[0]);

      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> CorrectionConfigParser.parse(section, Map.of("S", SECRET)::get),
              example[0]);

      assertTrue(
          error.getMessage().contains(example[1]),
          example[0] + ": missing <" + example[1] + "> in:\n" + error.getMessage());
    }
  }

  @Test
  void parse_sectionNotAMapping_isReported() throws Exception {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorrectionConfigParser.parse(YAML.readTree("[1, 2]"), ENV::get));

    assertTrue(
        error.getMessage().startsWith("correction: [1,2] (expected: a mapping with keys"),
        error.getMessage());
  }

  @Test
  void parse_wrongTypes_allReportedTogether() throws Exception {
    JsonNode section =
        YAML.readTree(
            """
            webhooks:
              retry_on_failure: {randomization_factor: 2}
              subscribers:
                - {name: a, endpoint: 'http://h/', secret_env: S, filter: 3}
                - {name: b, endpoint: 'http://h/', secret_env: S, filter: {service_names: 5}}
            templates: [1]
            """);

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorrectionConfigParser.parse(section, Map.of("S", SECRET)::get));

    assertEquals(4, error.getMessage().lines().count(), error.getMessage());
  }

  @Test
  void parse_secretProblems_nameTheVariableNotTheValue() throws Exception {
    Map<String, String> env = Map.of("EMPTY", "", "SHORT", "whsec_c2hvcnQ=");
    String[][] cases = {
      {
        "secret: '${env:UNSET}'",
        "secret: ${env:UNSET} (expected: environment variable UNSET" + " to be set)"
      },
      {
        "secret: '${env:EMPTY}'",
        "secret: ${env:EMPTY} (expected: environment variable EMPTY"
            + " to hold a secret, but it is empty)"
      },
      {
        "secret_env: EMPTY",
        "secret_env: EMPTY (expected: environment variable EMPTY to hold a"
            + " secret, but it is empty)"
      },
      {"secret_env: UNSET", "secret_env: UNSET (expected: a set environment variable)"},
      {"name: a", "secret: (missing) (expected: secret or secret_env"},
      {
        "secret: '${env:SHORT}'",
        "secret: ${env:SHORT} = [REDACTED] (expected: whsec_ and base64"
            + " of 24 to 64 bytes; secret key is 5 bytes"
      },
      {
        "secret: 'whsec_c2hvcnQ${env:UNSET}'",
        "secret: [REDACTED]${env:UNSET} (expected:" + " environment variable UNSET to be set)"
      },
      {
        "secret: '${env:EMPTY}${env:A:-whsec_c2hvcnQ=}'",
        "secret: ${env:EMPTY}[REDACTED]"
            + " (expected: environment variable EMPTY to hold a secret, but it is empty)"
      },
      {
        "secret: 'whsec_c2hvcnQ${env:SHORT}'",
        "secret: [REDACTED]${env:SHORT} = [REDACTED]" + " (expected: whsec_ and base64"
      },
    };
    for (String[] example : cases) {
      JsonNode section =
          YAML.readTree(
              "webhooks: {subscribers: [{name: a, endpoint: 'http://h/', " + example[0] + "}]}");

      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> CorrectionConfigParser.parse(section, env::get),
              example[0]);

      String message = error.getMessage();
      assertTrue(message.contains(example[1]), "missing <" + example[1] + "> in:\n" + message);
      assertFalse(message.contains("c2hvcnQ"), message);
    }
  }

  @Test
  void parse_secretOfAnyYamlType_isRedacted() throws Exception {
    String literal = "whsec_SUPERSECRETLITERALc2VjcmV0LXNlY3JldA==";
    String[][] cases = {
      {
        "secret: ['" + literal + "']",
        "correction.webhooks.subscribers[0].secret: [REDACTED] (expected: a single value)"
      },
      {
        "secret: {k: '" + literal + "'}",
        "correction.webhooks.subscribers[0].secret: [REDACTED] (expected: a single value)"
      },
      {
        "secret: {k: ['" + literal + "']}",
        "correction.webhooks.subscribers[0].secret: [REDACTED] (expected: a single value)"
      },
    };
    for (String[] example : cases) {
      JsonNode section =
          YAML.readTree(
              "webhooks: {subscribers: [{name: a, endpoint: 'http://h/', " + example[0] + "}]}");

      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> CorrectionConfigParser.parse(section, ENV::get),
              example[0]);

      String message = error.getMessage();
      assertTrue(message.contains(example[1]), "missing <" + example[1] + "> in:\n" + message);
      assertFalse(message.contains("SUPERSECRET"), message);
    }
  }

  @Test
  void parse_subscriberShownWhole_hasItsSecretRedacted() throws Exception {
    JsonNode section =
        YAML.readTree(
            "webhooks: {subscribers: [[{name: a, endpoint: 'http://h/',"
                + " secret: whsec_SUPERSECRET8}]]}");

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> CorrectionConfigParser.parse(section, ENV::get));

    String message = error.getMessage();
    assertTrue(
        message.startsWith(
            "correction.webhooks.subscribers[0]:"
                + " [{\"name\":\"a\",\"endpoint\":\"http://h/\",\"secret\":[REDACTED]}] (expected:"
                + " a mapping with keys"),
        message);
    assertFalse(message.contains("SUPERSECRET"), message);
  }

  @Test
  void parse_webhooksShownWhole_haveEverySecretRedacted() throws Exception {
    JsonNode section =
        YAML.readTree(
            "webhooks: [{subscribers: [{name: a,"
                + " secret: [whsec_SUPERSECRET9]}, {secret: {k: whsec_SUPERSECRET10}}]}]");

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> CorrectionConfigParser.parse(section, ENV::get));

    String message = error.getMessage();
    assertTrue(
        message.startsWith(
            "correction.webhooks:"
                + " [{\"subscribers\":[{\"name\":\"a\",\"secret\":[REDACTED]},{\"secret\":[REDACTED]}]}]"
                + " (expected: a mapping with keys"),
        message);
    assertFalse(message.contains("SUPERSECRET"), message);
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
