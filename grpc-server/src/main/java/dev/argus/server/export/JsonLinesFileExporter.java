package dev.argus.server.export;

import com.google.protobuf.Message;
import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * Appends each request as one line of OTLP/JSON to a file, the embedded destination used when no
 * downstream collector is configured. Trace lines have a {@code resourceSpans} key, log lines a
 * {@code resourceLogs} key. Each line is flushed before the export succeeds, so a request
 * acknowledged upstream is in the file. Thread-safe: lines never interleave.
 */
public final class JsonLinesFileExporter implements TraceExporter, LogExporter {
  private final Path path;
  private final Writer writer;

  /**
   * Opens {@code path} for appending, creating it and its parent folders if needed.
   *
   * @throws UncheckedIOException when the file cannot be opened
   */
  public JsonLinesFileExporter(Path path) {
    this.path = path;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.writer =
          Files.newBufferedWriter(
              path,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path + " for appending", e);
    }
  }

  @Override
  public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
    return append(request, ExportTraceServiceResponse.getDefaultInstance());
  }

  @Override
  public CompletableFuture<ExportLogsServiceResponse> export(ExportLogsServiceRequest request) {
    return append(request, ExportLogsServiceResponse.getDefaultInstance());
  }

  private <T> CompletableFuture<T> append(Message request, T response) {
    String line = OtlpJson.print(request);
    try {
      synchronized (writer) {
        writer.write(line);
        writer.write('\n');
        writer.flush();
      }
    } catch (IOException e) {
      // A full or unwritable disk may recover; let the sender keep the data and retry.
      return CompletableFuture.failedFuture(
          new ExportException(true, "cannot write to " + path + ": " + e.getMessage(), e));
    }
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public String describe() {
    return "file " + path;
  }

  @Override
  public void close() {
    try {
      synchronized (writer) {
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
