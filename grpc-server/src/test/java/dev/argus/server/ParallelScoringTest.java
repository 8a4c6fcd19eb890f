package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gen-AI spans of one request are scored in parallel on the scoring pool, yet each is forwarded
 * in its place with its own result, and a span over its time budget costs only itself. Real gRPC on
 * 127.0.0.1 in and out; the evaluator is the real one, wrapped to observe threads.
 */
class ParallelScoringTest {
  private static final int RESOURCES = 2;
  private static final int GEN_AI_PER_RESOURCE = 15;

  @Test
  void spansOfOneRequestAreScoredTogetherAndForwardedInOrderWithTheirOwnResults() throws Exception {
    // Every call waits until two calls are being scored at once: scored one after another, the
    // first would wait 20 s and run out of its 5 s budget.
    CountDownLatch twoScoring = new CountDownLatch(2);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Evaluator real = new GenAiEvaluator(ScoringConfig.defaults());
    Evaluator meeting =
        input -> {
          threads.add(Thread.currentThread());
          twoScoring.countDown();
          awaitQuietly(twoScoring);
          return real.evaluate(input);
        };
    ExportTraceServiceRequest request = request(-1);

    try (RunningArgus argus = RunningArgus.start("scoring: {time_budget: 5s}\n", meeting)) {
      argus.sender.traces().export(request);
      List<Span> forwarded = Spans.all(argus.downstream.take());

      List<Span> sequential = Spans.all(scoredOneByOne(request));
      List<Span> sent = Spans.all(request);
      assertEquals(sent.size(), forwarded.size());
      int scored = 0;
      for (int i = 0; i < sent.size(); i++) {
        assertEquals(sent.get(i), Spans.withoutEnrichment(forwarded.get(i)), "span " + i);
        assertEquals(sequential.get(i), withoutCorrectionId(forwarded.get(i)), "span " + i);
        assertEquals(
            verdict(forwarded.get(i)).equals("fail"),
            Spans.attribute(forwarded.get(i), ArgusAttributes.ARGUS_CORRECTION_ID).isPresent(),
            "span " + i + " is linked to a correction exactly when it failed");
        if (!verdict(forwarded.get(i)).isEmpty()) {
          assertNotEquals("not_evaluated", verdict(forwarded.get(i)), "span " + i);
          scored++;
        }
      }
      assertEquals(RESOURCES * GEN_AI_PER_RESOURCE, scored);
      assertTrue(threads.size() >= 2, "scored on " + threads);
    }
  }

  @Test
  void aSpanOverItsBudgetIsForwardedNotEvaluatedWhileItsRequestMatesAreScored() throws Exception {
    Evaluator real = new GenAiEvaluator(ScoringConfig.defaults());
    Evaluator oneStalls =
        input -> {
          if (input.call().prompt().contains("question 7 ")) {
            sleepQuietly(6_000);
          }
          return real.evaluate(input);
        };
    int stalled = 7;
    ExportTraceServiceRequest request = request(stalled);

    try (RunningArgus argus = RunningArgus.start("scoring: {time_budget: 1s}\n", oneStalls)) {
      long start = System.nanoTime();
      argus.sender.traces().export(request);
      long millis = (System.nanoTime() - start) / 1_000_000;
      List<Span> forwarded = Spans.all(argus.downstream.take());

      assertTrue(millis < 4_500, "answered after " + millis + " ms");
      List<Span> sequential = Spans.all(scoredOneByOne(request));
      List<Span> sent = Spans.all(request);
      assertEquals(sent.size(), forwarded.size());
      for (int i = 0; i < sent.size(); i++) {
        Span span = forwarded.get(i);
        assertEquals(sent.get(i), Spans.withoutEnrichment(span), "span " + i);
        if (isStalled(sent.get(i), stalled)) {
          assertEquals("not_evaluated", verdict(span));
          String explanation =
              Spans.attribute(span, ArgusAttributes.ARGUS_EVALUATION_EXPLANATION)
                  .orElseThrow()
                  .getStringValue();
          assertTrue(explanation.contains("time budget"), explanation);
          assertEquals(
              ArgusAttributes.REASON_SCORING_OVER_BUDGET,
              Spans.attribute(span, ArgusAttributes.ARGUS_NOT_EVALUATED_REASON)
                  .orElseThrow()
                  .getStringValue());
        } else {
          assertEquals(sequential.get(i), withoutCorrectionId(span), "span " + i);
        }
      }
    }
  }

  /** The request as a sequential processor with a fresh evaluator forwards it. */
  private static ExportTraceServiceRequest scoredOneByOne(ExportTraceServiceRequest request) {
    return new TraceRequestProcessor(
            GenAiExtractor.standard(),
            new GenAiEvaluator(ScoringConfig.defaults()),
            new SpanEnricher(true))
        .process(request)
        .enrichedRequest();
  }

  /**
   * Two resources, each with gen-AI spans between plain HTTP spans. Every call has its own model
   * and question, so no score depends on another call of the request (answer history and cost
   * baseline are kept per model and question) and any scoring order gives the same results.
   *
   * @param stalled the number in the question of the call to stall, or -1
   */
  private static ExportTraceServiceRequest request(int stalled) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    int number = 0;
    for (int r = 0; r < RESOURCES; r++) {
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      for (int i = 0; i < GEN_AI_PER_RESOURCE; i++) {
        scope.addSpans(span(number, "GET /orders").build());
        scope.addSpans(genAiSpan(number, number == stalled));
        number++;
      }
      request.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(Resource.newBuilder().addAttributes(text("service.name", "svc-" + r)))
              .addScopeSpans(scope));
    }
    return request.build();
  }

  private static Span genAiSpan(int number, boolean stalls) {
    String answer =
        number % 3 == 0
            ? "I am not sure, it might possibly be around " + number * 7 + " maybe."
            : "The order " + number + " ships on Monday from the Berlin warehouse.";
    return span(number, "chat model-" + number)
        .addAttributes(text("gen_ai.system", "openai"))
        .addAttributes(text("gen_ai.request.model", "model-" + number))
        .addAttributes(
            text(
                "gen_ai.prompt",
                "question "
                    + number
                    + " : when does order "
                    + number
                    + " ship?"
                    + (stalls ? " (this one stalls)" : "")))
        .addAttributes(text("gen_ai.completion", answer))
        .addAttributes(integer("gen_ai.usage.input_tokens", 20 + number))
        .addAttributes(integer("gen_ai.usage.output_tokens", 10 + number * 3))
        .build();
  }

  private static Span.Builder span(int number, String name) {
    byte[] traceId = new byte[16];
    traceId[0] = (byte) (number + 1);
    byte[] spanId = new byte[8];
    spanId[0] = (byte) (number + 1);
    spanId[7] = (byte) name.length();
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId))
        .setName(name)
        .setStartTimeUnixNano(1_700_000_000_000_000_000L + number * 1_000_000L)
        .setEndTimeUnixNano(1_700_000_000_500_000_000L + number * 1_000_000L);
  }

  /** Returns {@code span} without its correction event id, which is random. */
  private static Span withoutCorrectionId(Span span) {
    Span.Builder builder = span.toBuilder().clearAttributes();
    span.getAttributesList().stream()
        .filter(a -> !a.getKey().equals(ArgusAttributes.ARGUS_CORRECTION_ID))
        .forEach(builder::addAttributes);
    return builder.build();
  }

  private static boolean isStalled(Span span, int stalled) {
    return Spans.attribute(span, "gen_ai.prompt")
        .map(value -> value.getStringValue().startsWith("question " + stalled + " "))
        .orElse(false);
  }

  private static String verdict(Span span) {
    return Spans.attribute(span, ArgusAttributes.ARGUS_VERDICT)
        .map(AnyValue::getStringValue)
        .orElse("");
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
