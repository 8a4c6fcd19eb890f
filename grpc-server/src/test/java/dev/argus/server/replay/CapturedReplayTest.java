package dev.argus.server.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.Spans;
import dev.argus.server.testing.TestConfigs;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
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
    for (Span span : chats) {
      String operation =
          Spans.attribute(span, "gen_ai.operation.name").orElseThrow().getStringValue();
      switch (operation) {
          // Tool executions are not model calls: forwarded exactly as they came.
        case "execute_tool" -> assertEquals(Spans.withoutEnrichment(span), span);
          // The agent repeats its model calls' answer: it gets the run's metrics, not a verdict.
        case "invoke_agent" -> {
          assertTrue(Spans.attribute(span, "argus.agent.stability").isPresent(), file);
          assertFalse(Spans.attribute(span, "argus.verdict").isPresent(), file);
        }
        default ->
            assertTrue(
                Spans.attribute(span, "argus.verdict").isPresent(),
                span.getName() + " has no verdict");
      }
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
    assertEquals(2, lines.size(), "the enriched spans, then their evaluation log records");
    Span chat = Spans.all(OtlpJson.parseTraces(lines.get(0))).get(0);
    assertEquals(
        "fail", Spans.attribute(chat, "argus.verdict").map(AnyValue::getStringValue).orElse(null));
    ExportLogsServiceRequest.Builder logs = ExportLogsServiceRequest.newBuilder();
    OtlpJson.merge(lines.get(1), logs);
    List<LogRecord> records = logs.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertFalse(records.isEmpty());
    for (LogRecord record : records) {
      assertEquals("gen_ai.evaluation.result", record.getEventName());
      assertEquals(chat.getSpanId(), record.getSpanId());
      assertEquals(chat.getTraceId(), record.getTraceId());
    }
  }

  @Test
  void replay_evaluationResultsReachTheDownstreamAsLogRecordsParentedToTheirSpan()
      throws Exception {
    Span chat = Spans.all(replay(fixture("traceloop/pii_leak.pb"))).get(0);

    ExportLogsServiceRequest logs = downstream.takeLogs();

    List<LogRecord> records = logs.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    long events =
        chat.getEventsList().stream()
            .filter(e -> e.getName().equals("gen_ai.evaluation.result"))
            .count();
    assertEquals(events, records.size(), "one record per evaluation event");
    LogRecord safety =
        records.stream()
            .filter(
                r ->
                    r.getAttributesList().stream()
                        .anyMatch(a -> a.getValue().getStringValue().equals("safety")))
            .findFirst()
            .orElseThrow();
    assertEquals(chat.getSpanId(), safety.getSpanId());
    assertEquals(chat.getTraceId(), safety.getTraceId());
    assertTrue(
        safety.getAttributesList().stream()
            .anyMatch(
                a ->
                    a.getKey().equals("gen_ai.evaluation.score.label")
                        && a.getValue().getStringValue().equals("fail")));
  }

  @Test
  void replay_evaluationLogsSwitchedOffSendsNoLogRecords() throws Exception {
    argus.close();
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter: {otlp: {endpoint: \""
            + downstream.endpoint()
            + "\","
            + " tls: {insecure: true}}}\n"
            + "enrichment: {evaluation_logs: false}\n";
    argus = ArgusServer.start(new ConfigLoader(name -> null).parse(yaml, "test"));

    Span chat = Spans.all(replay(fixture("traceloop/pii_leak.pb"))).get(0);

    assertTrue(Spans.attribute(chat, "argus.verdict").isPresent());
    assertEquals(null, downstream.pollLogs(300));
  }

  @ParameterizedTest
  @ValueSource(strings = {"otel/api_error.logs.pb", "otel/api_error.logs.json"})
  void replay_ofALogsFileSendsItsRecordsAsLogs(String file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        new ReplayCommand(Duration.ofSeconds(10))
            .run(
                fixture(file),
                "127.0.0.1:" + argus.port(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
    ExportLogsServiceRequest.Builder sent = ExportLogsServiceRequest.newBuilder();
    if (file.endsWith(".pb")) {
      sent.mergeFrom(Files.readAllBytes(fixture(file)));
    } else {
      OtlpJson.merge(Files.readString(fixture(file)), sent);
    }
    assertEquals(sent.build(), downstream.takeLogs(), "forwarded as the log request it is");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("log record(s)"), out.toString());
    assertEquals(null, downstream.poll(200), "no trace request");
  }

  @Test
  void replay_sendsProtobufThatDoesNotDecodeStrictlyAsItIsForTheServerToRepair() throws Exception {
    Path file =
        Path.of(CapturedReplayTest.class.getResource("/fixtures/edge-cases/BL-09.pb").toURI());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status =
        new ReplayCommand(Duration.ofSeconds(10))
            .run(
                file,
                "127.0.0.1:" + argus.port(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

    assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
    List<Span> spans = Spans.all(downstream.take());
    assertEquals(3, spans.size(), "the span with invalid UTF-8 is repaired, not lost");
    String prompt = Spans.attribute(spans.get(1), "gen_ai.prompt").orElseThrow().getStringValue();
    assertTrue(prompt.startsWith("Caf\uFFFD receipt"), prompt);
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
