package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.argus.core.scoring.Dimension;
import dev.argus.server.ArgusServer;
import dev.argus.server.export.SendingQueueConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configurations shipped in {@code deploy/} load without problems. */
class DeployConfigTest {
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void containerConfig_bindsAllInterfacesAndWritesToTheFileWithoutDownstream() {
    ArgusConfig config =
        new ConfigLoader(Map.<String, String>of()::get)
            .load(DEPLOY.resolve("argus-container.yaml"));

    assertEquals("0.0.0.0", config.receiver().host());
    assertEquals(4317, config.receiver().port());
    assertNull(config.otlpExporter());
    assertEquals(Path.of("/var/lib/argus/argus-out.jsonl"), config.filePath());
  }

  @Test
  void containerConfig_forwardsWhenTheDownstreamIsSet() {
    ArgusConfig config =
        new ConfigLoader(
                Map.of("ARGUS_DOWNSTREAM", "collector:4319", "ARGUS_DOWNSTREAM_INSECURE", "true")
                    ::get)
            .load(DEPLOY.resolve("argus-container.yaml"));

    assertEquals("collector:4319", config.otlpExporter().endpoint());
    assertEquals(true, config.otlpExporter().plaintext());
  }

  @Test
  void kubernetesConfigMap_bindsThePodIpAndForwardsToTheCollector() throws Exception {
    ArgusConfig config = kubernetesConfig();

    assertEquals("10.1.2.3", config.receiver().host());
    assertEquals("otel-collector:4319", config.otlpExporter().endpoint());
    assertEquals("10.1.2.3", config.admin().host());
    assertEquals(13133, config.admin().port());
    assertEquals(Set.of(Dimension.SAFETY), config.admin().blockOn());
  }

  /**
   * The pod waits out its preStop pause and the longest drain of the shipped configuration before
   * the kubelet's SIGKILL: in sync mode requests in flight end within the exporter's timeout; a
   * sending queue adds the receivers' drain and both queue drains.
   */
  @Test
  void kubernetesDeployment_gracePeriodCoversThePreStopPauseAndTheDrain() throws Exception {
    JsonNode pod = kubernetesDocument("Deployment").path("spec").path("template").path("spec");
    int pause =
        pod.path("containers")
            .get(0)
            .path("lifecycle")
            .path("preStop")
            .path("sleep")
            .path("seconds")
            .asInt();
    int grace = pod.path("terminationGracePeriodSeconds").asInt();
    ArgusConfig config = kubernetesConfig();
    SendingQueueConfig queue = config.delivery().sendingQueue();
    long drain =
        queue.enabled()
            ? ArgusServer.DRAIN_MILLIS / 1000 + 2 * queue.drainTimeout().toSeconds()
            : config.otlpExporter().timeout().toSeconds();

    assertTrue(pause >= 3, "preStop pause " + pause + " s");
    assertTrue(
        pause + drain + 5 <= grace,
        "grace " + grace + " s < pause " + pause + " s + drain " + drain + " s + 5 s");
  }

  private static ArgusConfig kubernetesConfig() throws Exception {
    String yaml = kubernetesDocument("ConfigMap").path("data").path("argus.yaml").asText();
    return new ConfigLoader(Map.of("MY_POD_IP", "10.1.2.3")::get).parse(yaml, "ConfigMap");
  }

  private static JsonNode kubernetesDocument(String kind) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    try (MappingIterator<JsonNode> documents =
        mapper
            .readerFor(JsonNode.class)
            .readValues(Files.readString(DEPLOY.resolve("kubernetes/argus.yaml")))) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document.path("kind").asText().equals(kind)) {
          return document;
        }
      }
    }
    throw new AssertionError("no " + kind + " in kubernetes/argus.yaml");
  }
}
