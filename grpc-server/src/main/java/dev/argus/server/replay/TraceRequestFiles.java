package dev.argus.server.replay;

import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads trace export requests from files: OTLP protobuf ({@code .pb}), one OTLP/JSON document, or
 * OTLP/JSON lines ({@code .jsonl}, one request per line, as ARGUS writes them).
 */
public final class TraceRequestFiles {
  private TraceRequestFiles() {}

  /**
   * Returns the requests in {@code file}.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when its content is not a trace export request
   */
  public static List<ExportTraceServiceRequest> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    if (name.endsWith(".jsonl")) {
      return readJsonLines(new String(bytes, StandardCharsets.UTF_8));
    }
    if (name.endsWith(".json") || startsWithBrace(bytes)) {
      return List.of(OtlpJson.parseTraces(new String(bytes, StandardCharsets.UTF_8)));
    }
    return List.of(ExportTraceServiceRequest.parseFrom(bytes));
  }

  private static List<ExportTraceServiceRequest> readJsonLines(String text) {
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        requests.add(OtlpJson.parseTraces(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return requests;
  }

  // A protobuf request starts with field 1 (resource_spans), tag byte 0x0a, never with '{'.
  private static boolean startsWithBrace(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }
}
