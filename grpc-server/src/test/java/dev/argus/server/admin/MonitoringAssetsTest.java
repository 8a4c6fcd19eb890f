package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.testing.RecordingCollector;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard and Prometheus alerting rules query only series that a running
 * ARGUS exports, under the names its {@code /metrics} endpoint writes.
 */
class MonitoringAssetsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Pattern SERIES = Pattern.compile("\\bargus_[a-z0-9_]+");
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");

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
