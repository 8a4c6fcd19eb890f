package dev.argus.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.export.ExportException;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.testing.LogCapture;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * An export failure the exporter described is logged as one line; anything else is a bug and keeps
 * its stack trace.
 */
class TracePipelineWarningTest {

  @Test
  void describedExportFailure_isLoggedWithoutStackTrace() {
    LogRecord line =
        warningFor(new ExportException(true, "downstream unavailable: connection refused", null));

    assertNull(line.getThrown());
    assertTrue(
        line.getMessage().contains("error=\"downstream unavailable: connection refused\""),
        line.getMessage());
  }

  @Test
  void unexpectedExportFailure_keepsItsStackTrace() {
    LogRecord line = warningFor(new IllegalStateException("exporter bug"));

    assertInstanceOf(IllegalStateException.class, line.getThrown());
  }

  private static LogRecord warningFor(RuntimeException failure) {
    TraceExporter failing =
        new TraceExporter() {
          @Override
          public CompletableFuture<ExportTraceServiceResponse> export(
              ExportTraceServiceRequest request) {
            return CompletableFuture.failedFuture(failure);
          }

          @Override
          public String describe() {
            return "failing";
          }

          @Override
          public void close() {}
        };
    TracePipeline pipeline =
        new TracePipeline(
            new TraceRequestProcessor(
                GenAiExtractor.standard(),
                input -> {
                  throw new AssertionError("no gen-AI span");
                },
                SpanEnricher.withEvaluationEvents()),
            failing,
            spans -> {});
    try (LogCapture warnings = new LogCapture(TracePipeline.class)) {
      pipeline.handle(ExportTraceServiceRequest.getDefaultInstance());

      assertEquals(1, warnings.records().size(), warnings.messages().toString());
      return warnings.records().get(0);
    }
  }
}
