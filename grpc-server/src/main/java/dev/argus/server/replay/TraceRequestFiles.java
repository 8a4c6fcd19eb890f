package dev.argus.server.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
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
   * Returns the requests in {@code file}, each holding at least one span. The extension names the
   * format; a file with another extension is read as OTLP/JSON when it starts with a brace and as
   * protobuf otherwise.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is empty, its content is not a trace export request
   *     in that format, or a request holds no span
   */
  public static List<ExportTraceServiceRequest> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the file is empty");
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".jsonl")) {
      return readJsonLines(new String(bytes, StandardCharsets.UTF_8));
    }
    if (name.endsWith(".json") || (!name.endsWith(".pb") && startsWithBrace(bytes))) {
      return List.of(nonEmpty(OtlpJson.parseTraces(new String(bytes, StandardCharsets.UTF_8))));
    }
    return List.of(nonEmpty(parseProtobuf(bytes)));
  }

  /** Returns the number of spans in {@code request}. */
  public static int spanCount(ExportTraceServiceRequest request) {
    int count = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        count += scopeSpans.getSpansCount();
      }
    }
    return count;
  }

  // Almost any bytes decode as some protobuf message: text decodes as fields the request does
  // not have. Fields unknown to the request (or to its resource spans) mean it is something else.
  private static ExportTraceServiceRequest parseProtobuf(byte[] bytes) {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an OTLP protobuf trace request: " + e.getMessage());
    }
    boolean unknown = !request.getUnknownFields().asMap().isEmpty();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      unknown |= !resourceSpans.getUnknownFields().asMap().isEmpty();
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        unknown |= !scopeSpans.getUnknownFields().asMap().isEmpty();
      }
    }
    if (unknown) {
      throw new IllegalArgumentException(
          "not an OTLP protobuf trace request (fields it does not have); use .json for"
              + " OTLP/JSON and .jsonl for OTLP/JSON lines");
    }
    return request;
  }

  private static ExportTraceServiceRequest nonEmpty(ExportTraceServiceRequest request) {
    if (spanCount(request) == 0) {
      throw new IllegalArgumentException("the request holds no span");
    }
    return request;
  }

  private static List<ExportTraceServiceRequest> readJsonLines(String text) {
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        requests.add(nonEmpty(OtlpJson.parseTraces(lines[i])));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("the file holds no request");
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
