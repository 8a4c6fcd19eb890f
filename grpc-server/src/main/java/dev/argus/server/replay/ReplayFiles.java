package dev.argus.server.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.argus.server.otlp.ItemCounts;
import dev.argus.server.otlp.JsonProblems;
import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the requests of a replay file, trace or log export requests alike: OTLP protobuf ({@code
 * .pb}), one OTLP/JSON document, or OTLP/JSON lines ({@code .jsonl}). OTLP/JSON names its signal
 * ({@code resourceSpans} or {@code resourceLogs}); protobuf is read as whichever of the two
 * requests it fits. A protobuf file is sent as its bytes, so content the server must repair (such
 * as invalid UTF-8) reaches it unchanged.
 */
final class ReplayFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReplayFiles() {}

  /** The kind of OTLP export request. */
  enum Signal {
    TRACES("span(s)"),
    LOGS("log record(s)");

    final String items;

    Signal(String items) {
      this.items = items;
    }
  }

  /**
   * One request to send.
   *
   * @param signal traces or logs
   * @param body the protobuf encoding of the export request
   * @param items its spans or log records; -1 when the bytes were sent without being read
   */
  record Request(Signal signal, byte[] body, int items) {}

  /**
   * Returns the requests in {@code file}, each holding at least one span or log record.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is empty or its content is not an export request
   */
  static List<Request> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the file is empty");
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".jsonl")) {
      return readJsonLines(new String(bytes, StandardCharsets.UTF_8));
    }
    if (name.endsWith(".json") || (!name.endsWith(".pb") && startsWithBrace(bytes))) {
      return List.of(readJson(new String(bytes, StandardCharsets.UTF_8)));
    }
    return List.of(readProtobuf(bytes, name));
  }

  private static Request readJson(String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + JsonProblems.describe(e));
    }
    if (tree != null && (tree.has("resourceLogs") || tree.has("resource_logs"))) {
      ExportLogsServiceRequest.Builder logs = ExportLogsServiceRequest.newBuilder();
      OtlpJson.merge(json, logs);
      return logs(logs.build());
    }
    return traces(OtlpJson.parseTraces(json));
  }

  private static Request readProtobuf(byte[] bytes, String name) {
    boolean unreadable = false;
    int spans = 0;
    try {
      ExportTraceServiceRequest traces = ExportTraceServiceRequest.parseFrom(bytes);
      spans = (int) ItemCounts.spans(traces);
      if (!hasUnknownFields(traces) && spans > 0) {
        return new Request(Signal.TRACES, bytes, spans);
      }
    } catch (InvalidProtocolBufferException e) {
      unreadable = true;
    }
    try {
      ExportLogsServiceRequest logs = ExportLogsServiceRequest.parseFrom(bytes);
      if (!hasUnknownFields(logs) && ItemCounts.logRecords(logs) > 0) {
        return new Request(Signal.LOGS, bytes, (int) ItemCounts.logRecords(logs));
      }
    } catch (InvalidProtocolBufferException e) {
      unreadable = true;
    }
    if (spans > 0 && !unreadable) {
      // Spans with fields newer than ARGUS knows: still a trace request.
      return new Request(Signal.TRACES, bytes, spans);
    }
    if (unreadable) {
      // Bytes protobuf refuses (invalid UTF-8 in a string, say) are what the server repairs item
      // by item: send them as they are, as the signal the file name says.
      return new Request(name.contains("logs") ? Signal.LOGS : Signal.TRACES, bytes, -1);
    }
    throw new IllegalArgumentException(
        "not an OTLP protobuf trace request, nor a log request, holding an item; use .json for"
            + " OTLP/JSON and .jsonl for OTLP/JSON lines");
  }

  private static List<Request> readJsonLines(String text) {
    List<Request> requests = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        requests.add(readJson(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("the file holds no request");
    }
    return requests;
  }

  private static Request traces(ExportTraceServiceRequest request) {
    int spans = (int) ItemCounts.spans(request);
    if (spans == 0) {
      throw new IllegalArgumentException("the request holds no span");
    }
    return new Request(Signal.TRACES, request.toByteArray(), spans);
  }

  private static Request logs(ExportLogsServiceRequest request) {
    int records = (int) ItemCounts.logRecords(request);
    if (records == 0) {
      throw new IllegalArgumentException("the request holds no log record");
    }
    return new Request(Signal.LOGS, request.toByteArray(), records);
  }

  // Almost any bytes decode as some protobuf message, and a log request decodes as a trace
  // request with odd spans: fields the message does not have, at any depth, mean it is the other.
  private static boolean hasUnknownFields(Message message) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      return true;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object element : (List<?>) field.getValue()) {
          if (hasUnknownFields((Message) element)) {
            return true;
          }
        }
      } else if (hasUnknownFields((Message) field.getValue())) {
        return true;
      }
    }
    return false;
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
