package dev.argus.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.export.ExportException;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The pipeline's counters tell scoring results apart from spans it could not evaluate. */
class TracePipelineCountersTest {

  @Test
  void failVerdicts_areCountedAsVerdictsNotAsProcessingErrors() throws Exception {
    TracePipeline pipeline = pipeline(new GenAiEvaluator(ScoringConfig.defaults()));

    pipeline.handle(capture("rag_hallucinated.json")).get();
    pipeline.handle(capture("rag_grounded.json")).get();

    assertEquals(2, pipeline.evaluatedSpanCount());
    assertEquals(1, pipeline.verdictCount(Verdict.FAIL));
    assertEquals(1, pipeline.verdictCount(Verdict.PASS));
    assertEquals(0, pipeline.unscoredSpanCount());
    assertEquals(0, pipeline.processingErrorCount());
  }

  @Test
  void spansThatCannotBeScored_areCountedAsUnscored() throws Exception {
    Evaluator broken =
        input -> {
          throw new IllegalStateException("scorer bug");
        };
    TracePipeline pipeline = pipeline(broken);

    pipeline.handle(capture("rag_hallucinated.json")).get();

    assertEquals(0, pipeline.evaluatedSpanCount());
    assertEquals(0, pipeline.verdictCount(Verdict.FAIL));
    assertEquals(1, pipeline.unscoredSpanCount());
  }

  @Test
  void aRequestRefusedAndSentAgain_countsItsVerdictsOnce() throws Exception {
    FailingFirstExporter exporter = new FailingFirstExporter();
    TracePipeline pipeline =
        new TracePipeline(
            new TraceRequestProcessor(
                GenAiExtractor.standard(),
                new GenAiEvaluator(ScoringConfig.defaults()),
                SpanEnricher.withEvaluationEvents()),
            exporter,
            spans -> {});
    ExportTraceServiceRequest request = capture("rag_hallucinated.json");

    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> pipeline.handle(request).get());
    pipeline.handle(request).get();

    assertInstanceOf(ExportException.class, refused.getCause());
    assertEquals(1, pipeline.failedExportCount());
    assertEquals(1, pipeline.evaluatedSpanCount());
    assertEquals(1, pipeline.verdictCount(Verdict.FAIL));
  }

  private static TracePipeline pipeline(Evaluator evaluator) {
    TraceRequestProcessor processor =
        new TraceRequestProcessor(
            GenAiExtractor.standard(), evaluator, SpanEnricher.withEvaluationEvents());
    return new TracePipeline(processor, new AcceptingExporter(), spans -> {});
  }

  private static ExportTraceServiceRequest capture(String name) throws Exception {
    try (InputStream in =
        TracePipelineCountersTest.class.getResourceAsStream(
            "/fixtures/captured/traceloop/" + name)) {
      return OtlpJson.parseTraces(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** A destination that is down for the first request and accepts the rest. */
  private static final class FailingFirstExporter implements TraceExporter {
    private boolean failed;

    @Override
    public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
      if (!failed) {
        failed = true;
        return CompletableFuture.failedFuture(
            new ExportException(true, "downstream unavailable: connection refused", null));
      }
      return CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
    }

    @Override
    public String describe() {
      return "flaky";
    }

    @Override
    public void close() {}
  }

  /** A destination that accepts everything, as a healthy collector does. */
  private static final class AcceptingExporter implements TraceExporter {
    @Override
    public CompletableFuture<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
      return CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
    }

    @Override
    public String describe() {
      return "memory";
    }

    @Override
    public void close() {}
  }
}
