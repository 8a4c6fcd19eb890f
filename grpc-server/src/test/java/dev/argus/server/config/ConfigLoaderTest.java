package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ThresholdOverride;
import dev.argus.server.export.OtlpGrpcExporterConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final String EXPECT = "# expect: ";

  private final ConfigLoader loader =
      new ConfigLoader(
          Map.of("ARGUS_TEST_DOWNSTREAM", "collector.internal:4317", "ARGUS_TEST_TOKEN", "s3cret")
              ::get);

  @Test
  void defaults_listenOnLocalhostAndWriteToTheDefaultFile() {
    ArgusConfig config = loader.defaults();

    assertEquals("localhost", config.receiver().host());
    assertEquals(4317, config.receiver().port());
    assertEquals(16 * 1024 * 1024, config.receiver().maxRecvMsgSizeBytes());
    assertNull(config.otlpExporter());
    assertEquals(Path.of("./argus-out.jsonl"), config.filePath());
    assertEquals("default", config.scoring().profile());
    assertTrue(config.scoring().thresholds().isEmpty());
    assertTrue(config.evaluationEvents());
    assertTrue(config.evaluationLogs());
    assertTrue(config.scoring().overrides().isEmpty());
    assertNull(config.scoring().phoneRegions());
  }

  @Test
  void scoringSettings_reachTheScoringEngine() throws Exception {
    ScoringConfig scoring = loader.load(resource("valid-full.yaml")).scoring().toScoringConfig();

    assertEquals(0.95, scoring.thresholdsFor("checkout", "gpt-4.1").of(Dimension.SAFETY));
    // The override naming service and model wins over the one naming only the service.
    ScoringConfig.Thresholds both = scoring.thresholdsFor("checkout", "gpt-4o-mini");
    assertEquals(0.7, both.of(Dimension.GROUNDEDNESS));
    assertEquals(0.75, both.composite());
    assertEquals(0.95, both.of(Dimension.SAFETY));
    assertEquals(0.75, scoring.thresholdsFor("search", "gpt-4o-mini").of(Dimension.GROUNDEDNESS));
    assertEquals(10_000, scoring.latencySlaMillis());
    assertEquals(List.of("US", "DE"), scoring.phoneRegions());
    assertEquals(2, scoring.goldenAnswers().size());
    assertEquals(3, scoring.varianceAnswersPerPrompt());
  }

  @Test
  void parse_emptySectionsKeepTheDefaults() {
    ArgusConfig config = loader.parse("receivers:\nexporter:\n  otlp:\n", "test");

    assertEquals(loader.defaults(), config);
  }

  @Test
  void load_readsEveryKeyAndResolvesEnvironmentReferences() throws Exception {
    ArgusConfig config = loader.load(resource("valid-full.yaml"));

    assertEquals("0.0.0.0", config.receiver().host());
    assertEquals(14317, config.receiver().port());
    assertEquals(32 * 1024 * 1024, config.receiver().maxRecvMsgSizeBytes());
    OtlpGrpcExporterConfig exporter = config.otlpExporter();
    assertEquals("collector.internal:4317", exporter.endpoint());
    assertTrue(exporter.plaintext());
    assertEquals(Map.of("authorization", "Bearer s3cret", "x-tenant", "acme"), exporter.headers());
    assertFalse(exporter.gzip());
    assertEquals(Duration.ofSeconds(90), exporter.timeout());
    assertEquals(Path.of("/tmp/elsewhere.jsonl"), config.filePath());
    assertEquals("enterprise", config.scoring().profile());
    assertEquals(Map.of(Dimension.GROUNDEDNESS, 0.75), config.scoring().thresholds());
    assertEquals(0.8, config.scoring().compositeThreshold());
    assertEquals(Map.of(Dimension.SAFETY, 0.5), config.scoring().weights());
    assertEquals(Duration.ofSeconds(10), config.scoring().latencySla());
    assertEquals(4000, config.scoring().costBudgetTokens());
    assertEquals(
        List.of(
            new ThresholdOverride("checkout", null, Map.of(Dimension.SAFETY, 0.95), null),
            new ThresholdOverride(
                "checkout", "gpt-4o-mini", Map.of(Dimension.GROUNDEDNESS, 0.7), 0.75)),
        config.scoring().overrides());
    assertEquals(2, config.scoring().goldenAnswers().size());
    assertEquals(
        "Only the Business plan.",
        config.scoring().goldenAnswers().get("Which plan includes cross-region restore?"));
    assertEquals(List.of("US", "DE"), config.scoring().phoneRegions());
    assertEquals(500, config.scoring().varianceMaxPrompts());
    assertEquals(3, config.scoring().varianceAnswersPerPrompt());
    assertEquals(Duration.ofMinutes(10), config.scoring().varianceTtl());
    assertFalse(config.evaluationEvents());
    assertFalse(config.evaluationLogs());
  }

  @Test
  void describe_masksHeaderValues() throws Exception {
    String described = loader.load(resource("valid-full.yaml")).describe();

    assertFalse(described.contains("s3cret"), described);
    assertTrue(described.contains("exporter.otlp.endpoint=collector.internal:4317"), described);
  }

  @Test
  void describe_showsRedactedInPlaceOfEverySecret() {
    String yaml =
        """
        exporter:
          otlp:
            endpoint: 127.0.0.1:14317
            headers: {authorization: Bearer SUPERSECRET1}
        correction:
          webhooks:
            subscribers:
              - name: app
                endpoint: http://127.0.0.1:8089/argus
                secret: whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=
        """;

    String described = loader.parse(yaml, "test").describe();

    assertFalse(described.contains("SUPERSECRET"), described);
    assertFalse(described.contains("t4IKKLJbi"), described);
    assertTrue(described.contains("exporter.otlp.headers=[authorization]=[REDACTED]"), described);
    assertTrue(
        described.contains("correction.webhooks.subscribers.app.secret=[REDACTED]"), described);
  }

  @Test
  void describe_hidesCredentialsInAWebhookEndpoint() {
    String yaml =
        """
        correction:
          webhooks:
            subscribers:
              - name: app
                endpoint: http://ops:SUPERSECRET2@127.0.0.1:8089/argus?token=SUPERSECRET3
                secret: whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=
        """;

    String described = loader.parse(yaml, "test").describe();

    assertFalse(described.contains("SUPERSECRET"), described);
    assertTrue(
        described.contains(
            "correction.webhooks.subscribers.app.endpoint="
                + "http://[REDACTED]@127.0.0.1:8089/argus?[REDACTED]"),
        described);
  }

  @Test
  void parse_refusesCredentialsInTheExporterEndpointWithoutShowingThem() {
    String yaml = "exporter: {otlp: {endpoint: \"http://ops:SUPERSECRET4@127.0.0.1:14317\"}}";

    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "test"));

    assertEquals(
        List.of(
            "exporter.otlp.endpoint: http://[REDACTED]@127.0.0.1:14317 (expected: host:port"
                + " without user:password@ (put credentials in exporter.otlp.headers))"),
        e.problems());
    assertFalse(e.getMessage().contains("SUPERSECRET"), e.getMessage());
  }

  /** A secret written as a list or mapping is as secret as one written as a single value. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsOfEveryYamlType")
  void parse_secretOfAnyYamlTypeIsRedactedInProblems(String yaml, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "test"));

    assertTrue(e.problems().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("SUPERSECRET"), e.getMessage());
  }

  static Stream<Arguments> secretsOfEveryYamlType() {
    String otlp = "exporter: {otlp: {endpoint: 127.0.0.1:14317, headers: ";
    String subscriber =
        "correction: {webhooks: {subscribers: [{name: a, endpoint: 'http://h/', secret: ";
    return Stream.of(
        Arguments.of(
            otlp + "{authorization: [Bearer SUPERSECRET-LIST]}}}",
            "exporter.otlp.headers.authorization: [REDACTED] (expected: a single value)"),
        Arguments.of(
            otlp + "{authorization: {bearer: SUPERSECRET7}}}}",
            "exporter.otlp.headers.authorization: [REDACTED] (expected: a single value)"),
        Arguments.of(
            otlp + "[authorization: Bearer SUPERSECRET3]}}",
            "exporter.otlp.headers: [REDACTED] (expected: a mapping of names to values)"),
        Arguments.of(
            otlp + "'authorization=Bearer SUPERSECRET4'}}",
            "exporter.otlp.headers: [REDACTED] (expected: a mapping of names to values)"),
        Arguments.of(
            "exporter: {otlp: [{headers: {authorization: Bearer SUPERSECRET5}}]}",
            "exporter.otlp: [{\"headers\":{\"authorization\":[REDACTED]}}] (expected: a mapping"
                + " with keys endpoint, tls, headers, compression, timeout)"),
        Arguments.of(
            "[{exporter: {otlp: {headers: {authorization: Bearer SUPERSECRET6}}}}]",
            "(document): [{\"exporter\":{\"otlp\":{\"headers\":{\"authorization\":[REDACTED]}}}}]"
                + " (expected: a mapping of keys to values)"),
        Arguments.of(
            subscriber + "[whsec_SUPERSECRET-LIST]}]}}",
            "correction.webhooks.subscribers[0].secret: [REDACTED] (expected: a single value)"),
        Arguments.of(
            subscriber + "{k: whsec_SUPERSECRET}}]}}",
            "correction.webhooks.subscribers[0].secret: [REDACTED] (expected: a single value)"));
  }

  /** Only bare environment references of a secret are shown; text around them may be secret. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsAroundUnsetReferences")
  void parse_secretWithUnsetReferenceShowsOnlyTheReference(String yaml, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "test"));

    assertEquals(List.of(expected), e.problems());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  static Stream<Arguments> secretsAroundUnsetReferences() {
    String otlp = "exporter: {otlp: {endpoint: 127.0.0.1:14317, headers: {authorization: ";
    String unsetExpected = " (expected: environment variable UNSET to be set)";
    return Stream.of(
        Arguments.of(
            otlp + "'SECRETPFX-${env:UNSET}'}}}",
            "exporter.otlp.headers.authorization: [REDACTED]${env:UNSET}" + unsetExpected),
        Arguments.of(
            otlp + "'${env:UNSET}-SECRETSFX'}}}",
            "exporter.otlp.headers.authorization: ${env:UNSET}[REDACTED]" + unsetExpected),
        Arguments.of(
            otlp + "'${env:ARGUS_TEST_TOKEN:-SECRETFB} ${env:UNSET}'}}}",
            "exporter.otlp.headers.authorization: [REDACTED]${env:UNSET}" + unsetExpected),
        Arguments.of(
            otlp + "'${env:UNSET}:${env:ARGUS_TEST_TOKEN}'}}}",
            "exporter.otlp.headers.authorization: ${env:UNSET}[REDACTED]${env:ARGUS_TEST_TOKEN}"
                + unsetExpected),
        Arguments.of(
            otlp + "'${env:UNSET}'}}}",
            "exporter.otlp.headers.authorization: ${env:UNSET}" + unsetExpected));
  }

  @Test
  void load_missingFileNamesTheFile() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.load(Path.of("/no/such/argus.yaml")));

    assertEquals(
        List.of("--config: /no/such/argus.yaml does not exist (expected: a readable file)"),
        e.problems());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void load_invalidConfigReportsEveryProblemWithKeyValueAndExpectation(String name)
      throws Exception {
    Path file = resource("invalid/" + name);
    List<String> expected =
        Files.readAllLines(file).stream()
            .filter(line -> line.startsWith(EXPECT))
            .map(line -> line.substring(EXPECT.length()))
            .collect(Collectors.toList());

    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));

    assertEquals(expected.size(), e.problems().size(), e.getMessage());
    for (String problem : expected) {
      assertTrue(
          e.problems().stream().anyMatch(p -> p.startsWith(problem)),
          "missing \"" + problem + "\" in:\n" + e.getMessage());
      assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
  }

  static Stream<String> invalidConfigs() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(resource("invalid"))) {
      return files
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
  }
}
