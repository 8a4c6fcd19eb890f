package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ByteString;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RecordingCollector;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped Grafana dashboard and Prometheus alerting rules query only series that a running
 * ARGUS exports, under the names its {@code /metrics} endpoint writes.
 */
class MonitoringAssetsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Pattern SERIES = Pattern.compile("\\bargus_[a-z0-9_]+");
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
  private static final String FAILED_EXPORTS = "argus_pipeline_failed_exports_total";
  private static final String SPAN_RETRIES = "argus_exporter_send_retries_spans_total";

  private static Set<String> exported;

  /** Scrapes an ARGUS with every optional part that has metrics on: admin, queue, time budget. */
  @BeforeAll
  static void scrape() throws Exception {
    try (RecordingCollector downstream = new RecordingCollector()) {
      String yaml =
          "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"},"
              + " http: {endpoint: \"127.0.0.1:0\"}}}\n"
              + "exporter:\n"
              + "  otlp: {endpoint: \""
              + downstream.endpoint()
              + "\", tls: {insecure: true}}\n"
              + "  sending_queue: {enabled: true}\n"
              + "scoring: {time_budget: 1s}\n"
              + "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n";
      ArgusConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
      try (ArgusServer server =
          ArgusServer.start(
              config,
              GenAiExtractor.standard(),
              new GenAiEvaluator(ScoringConfig.defaults()),
              spans -> {})) {
        HttpResponse<String> scrape = new AdminClient(server.adminPort()).get("/metrics");
        assertEquals(200, scrape.statusCode());
        exported = seriesNames(scrape.body());
      }
    }
  }

  @Test
  void dashboard_queriesOnlyExportedSeries() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(DEPLOY.resolve("dashboards/argus-grafana.json")));
    List<String> expressions = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertTrue(ids.add(panel.path("id").asInt()), "panel id repeated: " + panel.path("id"));
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asText());
      }
    }
    expressions.add(dashboard.path("templating").toString());

    assertTrue(expressions.size() > 20, "queries: " + expressions.size());
    assertOnlyExported(expressions, "argus-grafana.json");
  }

  @Test
  void alertRules_queryOnlyExportedSeriesAndSaySeverityAndSummary() throws Exception {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(DEPLOY.resolve("prometheus/argus-alerts.yaml")));
    List<String> expressions = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        assertFalse(alert.isEmpty(), "rule without a name: " + rule);
        assertTrue(
            Set.of("critical", "warning", "info")
                .contains(rule.path("labels").path("severity").asText()),
            alert + " has no known severity");
        assertFalse(rule.path("annotations").path("summary").asText().isEmpty(), alert);
        expressions.add(rule.path("expr").asText());
      }
    }

    assertTrue(expressions.size() >= 5, "rules: " + expressions.size());
    assertOnlyExported(expressions, "argus-alerts.yaml");
  }

  @Test
  void dashboard_scoreByDimensionIsTheMeanNotAnInterpolatedQuantile() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(DEPLOY.resolve("dashboards/argus-grafana.json")));
    JsonNode mean = null;
    for (JsonNode panel : dashboard.path("panels")) {
      String queries = panel.path("targets").toString();
      assertFalse(
          queries.contains("histogram_quantile") && queries.contains("argus_dimension_score"),
          panel.path("title") + " interpolates within the score buckets");
      if (queries.contains("argus_dimension_score_sum")) {
        mean = panel;
      }
    }

    assertTrue(mean != null, "no panel reads argus_dimension_score_sum");
    assertEquals("Mean score by dimension", mean.path("title").asText());
    String expr = mean.path("targets").path(0).path("expr").asText();
    assertTrue(
        expr.matches(".*argus_dimension_score_sum.*/.*argus_dimension_score_count.*"),
        "mean is sum over count: " + expr);
  }

  @Test
  void downstreamFailingAlert_coversSyncAndQueueModes() throws Exception {
    JsonNode rule = alertRule("ArgusDownstreamFailing");
    String expr = rule.path("expr").asText();

    // Sync mode fails the pipeline's export; the queue modes retry behind an export that succeeded.
    assertTrue(expr.contains(FAILED_EXPORTS), expr);
    assertTrue(expr.contains(SPAN_RETRIES), expr);
    assertFalse(rule.path("for").asText().isEmpty(), "a single failed attempt must not fire it");
    assertTrue(
        rule.path("annotations").path("description").asText().contains(SPAN_RETRIES),
        "the description names what to look at in queue modes");
  }

  /**
   * The signals the alert relies on, from a running ARGUS: with the sending queue on and the
   * downstream down, the export succeeds and stays uncounted as failed, while retries climb.
   */
  @ParameterizedTest
  @ValueSource(strings = {"memory", "persistent"})
  void queueModesWithDownstreamDown_countRetriesNotFailedExports(String mode, @TempDir Path dir)
      throws Exception {
    try (RecordingCollector downstream = new RecordingCollector()) {
      downstream.failWith(Status.UNAVAILABLE.withDescription("down for the test"));
      String storage = mode.equals("persistent") ? ", storage: \"" + dir + "\"" : "";
      String yaml =
          "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
              + "exporter:\n"
              + "  otlp: {endpoint: \""
              + downstream.endpoint()
              + "\", tls: {insecure: true}}\n"
              + "  retry_on_failure: {initial_interval: 10ms, max_interval: 50ms}\n"
              + "  sending_queue: {enabled: true, drain_timeout: 100ms"
              + storage
              + "}\n"
              + "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n";
      ArgusConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
      try (ArgusServer server =
              ArgusServer.start(
                  config,
                  GenAiExtractor.standard(),
                  new GenAiEvaluator(ScoringConfig.defaults()),
                  spans -> {});
          OtlpSender sender = new OtlpSender(server.port(), -1)) {
        AdminClient admin = new AdminClient(server.adminPort());

        sender.traces().export(oneSpan());
        Map<String, Double> metrics =
            scrapeUntil(admin, m -> m.getOrDefault(SPAN_RETRIES, 0.0) >= 3);

        assertEquals(0.0, metrics.get(FAILED_EXPORTS), mode + ": " + metrics);
        assertEquals(1.0, metrics.get("argus_exporter_queue_size"), mode + ": " + metrics);
      }
    }
  }

  private static Map<String, Double> scrapeUntil(
      AdminClient admin, Predicate<Map<String, Double>> done) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    Map<String, Double> metrics = admin.metrics();
    while (!done.test(metrics) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      metrics = admin.metrics();
    }
    assertTrue(done.test(metrics), "not reached within 10 s: " + metrics);
    return metrics;
  }

  private static ExportTraceServiceRequest oneSpan() {
    Span span =
        Span.newBuilder()
            .setName("chat")
            .setTraceId(
                ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8}))
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static JsonNode alertRule(String name) throws Exception {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(DEPLOY.resolve("prometheus/argus-alerts.yaml")));
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("alert").asText().equals(name)) {
          return rule;
        }
      }
    }
    throw new AssertionError("no alert " + name);
  }

  private static void assertOnlyExported(List<String> expressions, String file) {
    Set<String> unknown = new TreeSet<>();
    for (String expression : expressions) {
      Matcher series = SERIES.matcher(expression);
      while (series.find()) {
        if (!exported.contains(series.group())) {
          unknown.add(series.group());
        }
      }
    }
    assertTrue(unknown.isEmpty(), file + " queries series ARGUS does not export: " + unknown);
  }

  /**
   * Returns every series name the scrape can hold: the names of its samples, and for each declared
   * family the names its type gives its samples, including label sets not seen yet.
   */
  private static Set<String> seriesNames(String scrape) {
    Set<String> names = new HashSet<>();
    for (String line : scrape.split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        String family = type.group(1);
        switch (type.group(2)) {
          case "counter" -> names.add(family.endsWith("_total") ? family : family + "_total");
          case "histogram" -> {
            names.add(family + "_bucket");
            names.add(family + "_count");
            names.add(family + "_sum");
          }
          default -> names.add(family);
        }
      } else if (!line.startsWith("#") && !line.isEmpty()) {
        names.add(line.replaceFirst("[{ ].*", ""));
      }
    }
    return names;
  }
}
