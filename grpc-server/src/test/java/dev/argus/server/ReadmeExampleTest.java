package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.argus.server.config.ConfigLoader;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.replay.ReplayCommand;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enriched span shown in the README is what replaying the recording really produces. */
class ReadmeExampleTest {
  private static final Pattern ATTRIBUTE =
      Pattern.compile("^  (argus\\.[a-z_.]+): (.*?)(\\s+#.*)?$");

  @Test
  void enrichedSpanExample_matchesAReplayOfTheRecording(@TempDir Path dir) throws Exception {
    Map<String, String> documented = documentedAttributes();
    Path recording = dir.resolve("rag_hallucinated.json");
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/captured/traceloop/rag_hallucinated.json")) {
      Files.write(recording, in.readAllBytes());
    }
    Path out = dir.resolve("argus-out.jsonl");
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: '127.0.0.1:0'}}}\n"
            + "exporter: {file: {path: '"
            + out
            + "'}}\n"
            + "correction: {local_file: '"
            + dir.resolve("corrections.jsonl")
            + "'}\n";

    try (ArgusServer argus =
        ArgusServer.start(new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test"))) {
      int status =
          new ReplayCommand(Duration.ofSeconds(10))
              .run(
                  recording,
                  "127.0.0.1:" + argus.port(),
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertEquals(0, status);
    }

    Span chat = Spans.all(OtlpJson.parseTraces(Files.readAllLines(out).get(0))).get(0);
    Map<String, String> actual = new LinkedHashMap<>();
    for (KeyValue attribute : chat.getAttributesList()) {
      if (attribute.getKey().startsWith("argus.")) {
        actual.put(attribute.getKey(), render(attribute.getValue()));
      }
    }
    assertFalse(documented.isEmpty());
    assertEquals(documented, actual);
  }

  /** Returns the {@code argus.*} lines of the README's enriched example, values as written. */
  private static Map<String, String> documentedAttributes() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start =
        lines.indexOf(
            lines.stream()
                .filter(line -> line.startsWith("and as ARGUS forwards it"))
                .findFirst()
                .orElseThrow());
    Map<String, String> attributes = new LinkedHashMap<>();
    boolean inBlock = false;
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("```")) {
        if (inBlock) {
          break;
        }
        inBlock = true;
        continue;
      }
      Matcher matcher = ATTRIBUTE.matcher(line);
      if (inBlock && matcher.matches()) {
        attributes.put(matcher.group(1), unquote(matcher.group(2)));
      }
    }
    return attributes;
  }

  private static String unquote(String value) {
    return value.startsWith("'") && value.endsWith("'")
        ? value.substring(1, value.length() - 1).replace("''", "'")
        : value;
  }

  private static String render(AnyValue value) {
    return switch (value.getValueCase()) {
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case ARRAY_VALUE -> {
        List<String> items = new ArrayList<>();
        value.getArrayValue().getValuesList().forEach(item -> items.add(render(item)));
        yield "[" + String.join(", ", items) + "]";
      }
      default -> value.getStringValue();
    };
  }
}
