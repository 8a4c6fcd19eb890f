package dev.argus.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.export.TraceExporter;
import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
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
