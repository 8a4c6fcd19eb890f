package dev.argus.server.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.server.testing.ScriptedCollector;
import dev.argus.server.testing.ScriptedCollector.Answer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the replay command says when the server accepts a request but rejects some of its items. */
class ReplayPartialSuccessTest {

  @TempDir Path dir;

  @Test
  void rejectedSpans_areReportedWithTheServersReasonAndFailTheRun() throws Exception {
    try (ScriptedCollector server =
        new ScriptedCollector(List.of(Answer.partial(2, "2 spans have no trace id")))) {
      Replayed replayed = replay(server.endpoint());

      assertEquals(1, replayed.exitCode());
      assertTrue(replayed.out().startsWith("replay: sent 1 request(s), 3 span(s)"), replayed.out());
      assertEquals(
          "replay: " + server.endpoint() + " rejected 2 span(s): 2 spans have no trace id\n",
          replayed.err());
    }
  }

  @Test
  void warningWithNothingRejected_isShownAndTheRunSucceeds() throws Exception {
    try (ScriptedCollector server =
        new ScriptedCollector(List.of(Answer.partial(0, "attributes were truncated")))) {
      Replayed replayed = replay(server.endpoint());

      assertEquals(0, replayed.exitCode());
      assertEquals(
          "replay: " + server.endpoint() + " warned: attributes were truncated\n", replayed.err());
    }
  }

  @Test
  void fullAcceptance_reportsNothingMore() throws Exception {
    try (ScriptedCollector server = new ScriptedCollector(List.of(Answer.ok()))) {
      Replayed replayed = replay(server.endpoint());

      assertEquals(0, replayed.exitCode());
      assertEquals("", replayed.err());
    }
  }

  private record Replayed(int exitCode, String out, String err) {}

  private Replayed replay(String endpoint) throws Exception {
    Path file = dir.resolve("three-spans.pb");
    Files.write(file, threeSpans().toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        new ReplayCommand(Duration.ofSeconds(10))
            .run(
                file,
                endpoint,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Replayed(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static ExportTraceServiceRequest threeSpans() {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 1; i <= 3; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c8031aa"))
              .setSpanId(ByteString.fromHex("b7ad6b71692033a" + i))
              .setName("span " + i));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }
}
