package dev.argus.server.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.Spans;
import dev.argus.server.testing.TestConfigs;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays requests recorded from OpenLLMetry around the official openai client through a running
 * ARGUS with the replay command, and checks what reaches the downstream against the verdicts of the
 * fixtures' manifest.
 */
class CapturedReplayTest {
  private static final String FIXTURES = "/fixtures/captured/";

  private RecordingCollector downstream;
  private ArgusServer argus;

  @BeforeEach
  void setUp() throws Exception {
    downstream = new RecordingCollector();
    ArgusConfig config = TestConfigs.forwardingTo(downstream.endpoint(), "");
    argus = ArgusServer.start(config);
  }

  @AfterEach
  void tearDown() throws Exception {
    argus.close();
    downstream.close();
  }

  @ParameterizedTest
  @MethodSource("traceloopRecordings")
  void replay_everyRecordingComesOutEnriched(String file) throws Exception {
    ExportTraceServiceRequest original =
        ExportTraceServiceRequest.parseFrom(Files.readAllBytes(fixture("traceloop/" + file)));

    ExportTraceServiceRequest enriched = replay(fixture("traceloop/" + file));

    assertEquals(original, Spans.withoutEnrichment(enriched), "only ARGUS additions differ");
    List<Span> chats =
        Spans.all(enriched).stream()
            .filter(s -> Spans.attribute(s, "gen_ai.operation.name").isPresent())
            .collect(Collectors.toList());
    assertFalse(chats.isEmpty());
    for (Span chat : chats) {
      assertTrue(
          Spans.attribute(chat, "argus.verdict").isPresent(), chat.getName() + " has no verdict");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rag_grounded", "rag_hallucinated", "pii_leak"})
  void replay_verdictsMatchTheManifest(String scenario) throws Exception {
    JsonNode expected = expectedVerdicts(scenario);

    Span chat = Spans.all(replay(fixture("traceloop/" + scenario + ".pb"))).get(0);

    List<String> failed = Spans.strings(chat, "argus.failed_dimensions");
    String groundedness = expected.get("groundedness").asText();
    if (groundedness.equals("PASS")) {
      assertTrue(Spans.attribute(chat, "argus.score.groundedness").isPresent(), "scored");
      assertFalse(failed.contains("groundedness"), scenario + " failed " + failed);
    } else if (groundedness.equals("FAIL")) {
      assertTrue(failed.contains("groundedness"), scenario + " failed only " + failed);
      assertEquals("fail", Spans.attribute(chat, "argus.verdict").orElseThrow().getStringValue());
    }
    String safety = expected.get("safety_pii").asText();
    assertEquals(safety.equals("FAIL"), failed.contains("safety"), scenario + " failed " + failed);
    if (safety.equals("FAIL")) {
      assertEquals("fail", Spans.attribute(chat, "argus.verdict").orElseThrow().getStringValue());
    }
  }

  @Test
  void replay_ofOtlpJsonWithoutDownstreamWritesEnrichedLinesToTheFile(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("argus-out.jsonl");
    try (ArgusServer embedded = ArgusServer.start(TestConfigs.writingTo(out))) {
      int status =
          new ReplayCommand(Duration.ofSeconds(10))
              .run(
                  fixture("traceloop/rag_hallucinated.json"),
                  "http://127.0.0.1:" + embedded.port(),
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertEquals(0, status);
    }

    List<String> lines = Files.readAllLines(out);
    assertEquals(1, lines.size());
    Span chat = Spans.all(OtlpJson.parseTraces(lines.get(0))).get(0);
    assertEquals(
        "fail", Spans.attribute(chat, "argus.verdict").map(AnyValue::getStringValue).orElse(null));
  }

  @Test
  void replay_reportsAnUnreadableFile(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"resourceSpans\": 7}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        new ReplayCommand(Duration.ofSeconds(10))
            .run(
                bad,
                "127.0.0.1:" + argus.port(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(2, status);
    assertTrue(
        out.toString(StandardCharsets.UTF_8).startsWith("replay: cannot read"), out.toString());
    assertEquals(null, downstream.poll(200));
  }

  private ExportTraceServiceRequest replay(Path file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        new ReplayCommand(Duration.ofSeconds(10))
            .run(
                file,
                "127.0.0.1:" + argus.port(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
    return downstream.take();
  }

  static Stream<String> traceloopRecordings() throws Exception {
    try (Stream<Path> files = Files.list(fixture("traceloop"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".pb"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  private static JsonNode expectedVerdicts(String scenario) throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(fixture("manifest.json").toFile());
    for (JsonNode node : manifest.get("scenarios")) {
      if (node.get("id").asText().equals(scenario)) {
        return node.get("expected_verdicts");
      }
    }
    throw new AssertionError("scenario not in manifest: " + scenario);
  }

  private static Path fixture(String name) throws Exception {
    return Path.of(CapturedReplayTest.class.getResource(FIXTURES + name).toURI());
  }
}
