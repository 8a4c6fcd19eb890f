package dev.argus.core.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.ConventionExtractor;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.extract.SpanView;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceRequestProcessorTest {
  private static final KeyValue CHAT = TestSpans.attribute("gen_ai.operation.name", "chat");
  private static final KeyValue NO_CONTENT = TestSpans.attribute("test.content", "none");
  private static final KeyValue REDACTED = TestSpans.attribute("test.content", "redacted");
  private static final KeyValue TRUNCATED = TestSpans.attribute("test.content", "truncated");

  private final List<ScoringInput> scored = new ArrayList<>();
  private final Evaluator evaluator =
      input -> {
        scored.add(input);
        return TestSpans.failingEvaluation();
      };
  private final TraceRequestProcessor processor =
      new TraceRequestProcessor(
          new GenAiExtractor(List.of(new ChatExtractor())),
          evaluator,
          SpanEnricher.withEvaluationEvents());

  @Test
  void process_requestWithoutGenAiSpansIsReturnedAsTheSameInstance() {
    ExportTraceServiceRequest request =
        request(TestSpans.fullSpan("GET /", (byte) 1), TestSpans.fullSpan("db", (byte) 2));

    ProcessedTraces processed = processor.process(request);

    assertSame(request, processed.enrichedRequest());
    assertTrue(processed.evaluatedSpans().isEmpty());
    assertTrue(scored.isEmpty());
  }

  @Test
  void process_enrichesGenAiSpansAndLeavesTheOthersUntouched() {
    Span http = TestSpans.fullSpan("GET /", (byte) 1);
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT);
    ExportTraceServiceRequest request = request(http, chat);

    ProcessedTraces processed = processor.process(request);

    ScopeSpans scope = processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0);
    assertSame(http, scope.getSpans(0));
    assertEquals(
        "fail",
        attribute(scope.getSpans(1), ArgusAttributes.ARGUS_VERDICT).getValue().getStringValue());
    assertEquals(
        request.getResourceSpans(0).getResource(),
        processed.enrichedRequest().getResourceSpans(0).getResource());
    EvaluatedSpan evaluated = processed.evaluatedSpans().get(0);
    assertEquals("0a00000000000000000000000000007f", evaluated.traceId());
    assertEquals("0000000000000002", evaluated.spanId());
    assertEquals("checkout", evaluated.serviceName());
    assertEquals("checkout", scored.get(0).serviceName());
    assertEquals(Verdict.FAIL, evaluated.evaluation().verdict());
  }

  @Test
  void process_spanThatFailsToExtractDoesNotAffectItsBatchMates() {
    Span broken = TestSpans.fullSpan("boom", (byte) 1, CHAT);
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT);

    ProcessedTraces processed = processor.process(request(broken, chat));

    ScopeSpans scope = processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0);
    assertSame(broken, scope.getSpans(0));
    assertEquals(1, processed.failedSpans());
    assertEquals(1, processed.evaluatedSpans().size());
    assertEquals("0000000000000002", processed.evaluatedSpans().get(0).spanId());
  }

  @Test
  void process_evaluatorFailureIsCountedAndSpanForwardedUnchanged() {
    TraceRequestProcessor throwing =
        new TraceRequestProcessor(
            new GenAiExtractor(List.of(new ChatExtractor())),
            input -> {
              throw new IllegalStateException("scorer bug");
            },
            SpanEnricher.withEvaluationEvents());
    ExportTraceServiceRequest request = request(TestSpans.fullSpan("chat m", (byte) 2, CHAT));

    ProcessedTraces processed = throwing.process(request);

    assertSame(request, processed.enrichedRequest());
    assertEquals(1, processed.failedSpans());
  }

  @Test
  void process_callWithoutContentIsNotEvaluatedAndGetsNoScores() {
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT, NO_CONTENT);

    ProcessedTraces processed = processor.process(request(chat));

    Span enriched = processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals(
        "not_evaluated",
        attribute(enriched, ArgusAttributes.ARGUS_VERDICT).getValue().getStringValue());
    assertNull(attribute(enriched, ArgusAttributes.ARGUS_SCORE_COMPOSITE));
    assertTrue(scored.isEmpty(), "the evaluator is not asked to invent scores");
    assertEquals(Verdict.NOT_EVALUATED, processed.evaluatedSpans().get(0).evaluation().verdict());
    assertEquals(
        ArgusAttributes.REASON_CONTENT_NOT_CAPTURED,
        attribute(enriched, ArgusAttributes.ARGUS_NOT_EVALUATED_REASON)
            .getValue()
            .getStringValue());
  }

  @Test
  void process_callHeldForRecordsThatNeverCameIsMarkedNotReceived() {
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT, NO_CONTENT);
    SpanRecords overdue =
        new SpanRecords() {
          @Override
          public List<LogRecord> recordsFor(Span span) {
            return List.of();
          }

          @Override
          public boolean contentOverdue(Span span) {
            return true;
          }
        };

    ProcessedTraces processed = processor.process(request(chat), overdue);

    Span enriched = processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals(
        ArgusAttributes.REASON_CONTENT_NOT_RECEIVED,
        attribute(enriched, ArgusAttributes.ARGUS_NOT_EVALUATED_REASON)
            .getValue()
            .getStringValue());
    assertTrue(scored.isEmpty(), "the evaluator is not asked to invent scores");
  }

  @ParameterizedTest
  @CsvSource({"redacted, content_redacted", "truncated, content_truncated"})
  void process_redactedOrTruncatedCallIsMarkedWithItsReasonAndNeverScored(
      String content, String reason) {
    KeyValue marker = content.equals("redacted") ? REDACTED : TRUNCATED;
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT, marker);

    ProcessedTraces processed = processor.process(request(chat));

    Span enriched = processed.enrichedRequest().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertTrue(scored.isEmpty(), "a fragment or a placeholder is not judged");
    assertEquals(
        "not_evaluated",
        attribute(enriched, ArgusAttributes.ARGUS_VERDICT).getValue().getStringValue());
    assertEquals(
        reason,
        attribute(enriched, ArgusAttributes.ARGUS_NOT_EVALUATED_REASON)
            .getValue()
            .getStringValue());
    assertFalse(
        attribute(enriched, ArgusAttributes.ARGUS_EVALUATION_EXPLANATION)
            .getValue()
            .getStringValue()
            .isEmpty());
    assertEquals(0, processed.evaluationLogs().getResourceLogsCount());
  }

  @Test
  void process_evaluationLogsAreParentedToTheirSpanAndCarryTheResource() {
    TraceRequestProcessor withLogs =
        new TraceRequestProcessor(
            new GenAiExtractor(List.of(new ChatExtractor())),
            evaluator,
            SpanEnricher.withEvaluationEvents(),
            CorrectionLinker.NONE,
            TraceRequestProcessor.defaultAgentTracker(),
            true);
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT);
    ExportTraceServiceRequest request = request(TestSpans.fullSpan("GET /", (byte) 1), chat);

    ProcessedTraces processed = withLogs.process(request);

    ResourceLogs resourceLogs = processed.evaluationLogs().getResourceLogs(0);
    assertEquals(request.getResourceSpans(0).getResource(), resourceLogs.getResource());
    List<LogRecord> records = resourceLogs.getScopeLogs(0).getLogRecordsList();
    // failingEvaluation(): groundedness (fail) and safety (pass) apply, variance does not.
    assertEquals(2, records.size());
    LogRecord groundedness = records.get(0);
    assertEquals("gen_ai.evaluation.result", groundedness.getEventName());
    assertEquals(chat.getTraceId(), groundedness.getTraceId());
    assertEquals(chat.getSpanId(), groundedness.getSpanId());
    assertEquals(chat.getEndTimeUnixNano(), groundedness.getTimeUnixNano());
    assertEquals(1, groundedness.getFlags());
    assertEquals("groundedness", logAttribute(groundedness, "gen_ai.evaluation.name"));
    assertEquals("fail", logAttribute(groundedness, "gen_ai.evaluation.score.label"));
    assertEquals(
        "2 of 3 claims unsupported", logAttribute(groundedness, "gen_ai.evaluation.explanation"));
    assertEquals(
        0.25,
        groundedness.getAttributesList().stream()
            .filter(a -> a.getKey().equals("gen_ai.evaluation.score.value"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .getDoubleValue());
    assertEquals("pass", logAttribute(records.get(1), "gen_ai.evaluation.score.label"));
    assertEquals("safety", logAttribute(records.get(1), "gen_ai.evaluation.name"));
  }

  @Test
  void process_evaluationLogsAreOffUnlessAskedFor() {
    ProcessedTraces processed =
        processor.process(request(TestSpans.fullSpan("chat m", (byte) 2, CHAT)));

    assertEquals(1, processed.evaluatedSpans().size());
    assertFalse(processed.hasEvaluationLogs());
  }

  @Test
  void process_recordsJoinedPerSpanReachTheExtractor() {
    Span chat = TestSpans.fullSpan("chat m", (byte) 2, CHAT, NO_CONTENT);
    LogRecord record =
        LogRecord.newBuilder()
            .setEventName("gen_ai.choice")
            .setTraceId(chat.getTraceId())
            .setSpanId(chat.getSpanId())
            .build();
    List<Boolean> seen = new ArrayList<>();
    TraceRequestProcessor recording =
        new TraceRequestProcessor(
            new GenAiExtractor(List.of(new RecordsExtractor(seen))),
            evaluator,
            SpanEnricher.withEvaluationEvents());

    recording.process(request(chat), span -> List.of(record));

    assertEquals(List.of(true), seen, "the choice record was joined to its span");
  }

  private static String logAttribute(LogRecord record, String key) {
    return record.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .findFirst()
        .orElseThrow()
        .getValue()
        .getStringValue();
  }

  private static KeyValue attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .findFirst()
        .orElse(null);
  }

  private static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(TestSpans.attribute("service.name", "checkout")))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }

  /** Recognises spans with {@code gen_ai.operation.name}; throws on spans named {@code boom}. */
  private static final class ChatExtractor implements ConventionExtractor {
    @Override
    public String name() {
      return "test";
    }

    @Override
    public boolean recognizes(SpanView view) {
      return view.span().getAttributesList().contains(CHAT);
    }

    @Override
    public GenAiCall extract(SpanView view) {
      Span span = view.span();
      if (span.getName().equals("boom")) {
        throw new IllegalArgumentException("unreadable");
      }
      if (span.getAttributesList().contains(REDACTED)) {
        return GenAiCall.builder()
            .setOperation("chat")
            .setContentStatus(ContentStatus.REDACTED)
            .build();
      }
      if (span.getAttributesList().contains(TRUNCATED)) {
        return GenAiCall.builder()
            .setOperation("chat")
            .setPrompt("q")
            .setCompletion("{\"partial\": ")
            .setContentStatus(ContentStatus.TRUNCATED)
            .build();
      }
      if (span.getAttributesList().contains(NO_CONTENT)) {
        return GenAiCall.builder()
            .setOperation("chat")
            .setContentStatus(ContentStatus.NOT_CAPTURED)
            .build();
      }
      return GenAiCall.builder()
          .setOperation("chat")
          .setPrompt("q")
          .setCompletion("a")
          .setContentStatus(ContentStatus.CAPTURED)
          .build();
    }
  }

  /** Recognises chat spans and remembers whether a choice record was joined to each. */
  private static final class RecordsExtractor implements ConventionExtractor {
    private final List<Boolean> seen;

    RecordsExtractor(List<Boolean> seen) {
      this.seen = seen;
    }

    @Override
    public String name() {
      return "records";
    }

    @Override
    public boolean recognizes(SpanView view) {
      return view.span().getAttributesList().contains(CHAT);
    }

    @Override
    public GenAiCall extract(SpanView view) {
      seen.add(view.hasEvent("gen_ai.choice"));
      return GenAiCall.builder().setOperation("chat").build();
    }
  }
}
