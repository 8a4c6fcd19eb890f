package dev.argus.server.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.google.protobuf.ByteString;
import dev.argus.server.export.ExportException;
import dev.argus.server.export.LogExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The hold of gen-AI spans waiting for their log records, with a fake clock. */
class SpanLogJoinerTest {
  private static final Duration WINDOW = Duration.ofSeconds(2);

  private final AtomicLong nanos = new AtomicLong();
  private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
  private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<ExportTraceServiceResponse> downstreamAnswer;

  /**
   * One trace request handed to the pipeline, with the records it joined to each span and whether
   * each span's records were overdue.
   */
  record Forwarded(
      ExportTraceServiceRequest request, List<List<LogRecord>> records, List<Boolean> overdue) {
    List<String> spanNames() {
      List<String> names = new ArrayList<>();
      for (ResourceSpans resource : request.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          scope.getSpansList().forEach(span -> names.add(span.getName()));
        }
      }
      return names;
    }
  }

  @Test
  void heldSpan_isReleasedWhenItsOutputRecordArrivesAndOnlyThenAnswered() throws Exception {
    SpanLogJoiner joiner = joiner(1 << 20);
    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(traces(chat(1, 1)));

    assertTrue(forwarded.isEmpty(), "held");
    joiner.handle(logs(record(1, 1, "gen_ai.user.message")));
    assertTrue(forwarded.isEmpty(), "still waiting for the output");
    downstreamAnswer = new CompletableFuture<>();
    joiner.handle(logs(record(1, 1, "gen_ai.choice")));

    assertEquals(1, forwarded.size());
    assertEquals(2, forwarded.get(0).records().get(0).size(), "both records joined");
    assertFalse(answered.isDone(), "answered only once the destination accepted the span");
    downstreamAnswer.complete(ExportTraceServiceResponse.getDefaultInstance());
    assertTrue(answered.isDone());
    assertEquals(1, joiner.releasedOnRecordsCount());
    assertEquals(2, logs.size(), "records are forwarded as logs too");
  }

  @Test
  void failedCall_isReleasedOnItsInputRecordsWithoutWaitingForAnOutput() {
    SpanLogJoiner joiner = joiner(1 << 20);
    Span errorStatus =
        chat(1, 1).toBuilder()
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    Span errorType =
        chat(2, 2).toBuilder().addAttributes(attribute("error.type", "api_error")).build();

    CompletableFuture<ExportTraceServiceResponse> first = joiner.handle(traces(errorStatus));
    CompletableFuture<ExportTraceServiceResponse> second = joiner.handle(traces(errorType));
    assertEquals(2, joiner.heldSpanCount(), "held for the input records");
    joiner.handle(logs(record(1, 1, "gen_ai.user.message"), record(2, 2, "gen_ai.user.message")));

    assertTrue(first.isDone(), "no output record comes for a failed call");
    assertTrue(second.isDone());
    assertEquals(2, joiner.releasedOnRecordsCount());
    assertEquals(0, joiner.releasedOnTimeoutCount());
  }

  @Test
  void spanAlreadyEvaluatedUpstream_isNotHeld() {
    SpanLogJoiner joiner = joiner(1 << 20);
    Span evaluated =
        chat(1, 1).toBuilder().addAttributes(attribute("argus.verdict", "pass")).build();

    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(traces(evaluated));

    assertTrue(answered.isDone());
    assertEquals(1, forwarded.size());
    assertEquals(0, joiner.heldSpanCount());
  }

  @Test
  void recordsFirst_spanIsEvaluatedAtOnceWithThem() {
    SpanLogJoiner joiner = joiner(1 << 20);
    joiner.handle(logs(record(1, 1, "gen_ai.user.message"), record(1, 1, "gen_ai.choice")));

    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(traces(chat(1, 1)));

    assertTrue(answered.isDone());
    assertEquals(1, forwarded.size());
    assertEquals(2, forwarded.get(0).records().get(0).size());
    assertEquals(0, joiner.heldSpanCount());
  }

  @Test
  void outputBeforeInput_inSeparateRequests_spanWaitsForBoth() {
    SpanLogJoiner joiner = joiner(1 << 20);
    joiner.handle(logs(record(1, 1, "gen_ai.choice")));

    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(traces(chat(1, 1)));
    assertTrue(forwarded.isEmpty(), "the input record is still on its way");
    joiner.handle(logs(record(1, 1, "gen_ai.user.message")));

    assertEquals(1, forwarded.size());
    assertEquals(2, forwarded.get(0).records().get(0).size());
    assertTrue(answered.isDone());
  }

  @Test
  void scopeWhoseHeldSpansNeverGetRecords_isNotHeldForAWhile() {
    SpanLogJoiner joiner = joiner(1 << 20);
    for (int i = 1; i <= HoldHistory.MISSES_BEFORE_PAUSE; i++) {
      joiner.handle(traces("capture-off", chat(i, i)));
      nanos.addAndGet(WINDOW.toNanos() + Duration.ofMillis(1100).toNanos());
      joiner.cleanUp();
    }
    assertEquals(HoldHistory.MISSES_BEFORE_PAUSE, forwarded.size());

    CompletableFuture<ExportTraceServiceResponse> paused =
        joiner.handle(traces("capture-off", chat(100, 100)));
    CompletableFuture<ExportTraceServiceResponse> other =
        joiner.handle(traces("capture-on", chat(101, 101)));

    assertTrue(paused.isDone(), "forwarded at once while holding is paused for its scope");
    assertFalse(other.isDone(), "another scope is still held");
    nanos.addAndGet(HoldHistory.PAUSE.toNanos());
    assertFalse(joiner.handle(traces("capture-off", chat(102, 102))).isDone(), "probed again");
  }

  @Test
  void holdWindowEnds_spanIsForwardedWithWhatArrived() {
    SpanLogJoiner joiner = joiner(1 << 20);
    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(traces(chat(1, 1)));
    joiner.handle(logs(record(1, 1, "gen_ai.user.message")));

    nanos.addAndGet(WINDOW.toNanos() - 1);
    joiner.cleanUp();
    assertTrue(forwarded.isEmpty());
    // Caffeine's timer wheel expires entries on its next tick, at most about 1.07 s late.
    nanos.addAndGet(Duration.ofMillis(1100).toNanos());
    joiner.cleanUp();

    assertEquals(1, forwarded.size());
    assertEquals(1, forwarded.get(0).records().get(0).size());
    assertTrue(answered.isDone());
    assertEquals(1, joiner.releasedOnTimeoutCount());
  }

  @Test
  void holdWindowEndsWithoutAnyRecord_spanIsForwardedAsOverdue() {
    SpanLogJoiner joiner = joiner(1 << 20);
    joiner.handle(traces(chat(1, 1), span(1, 2, "retrieve")));
    joiner.handle(traces(chat(2, 2)));
    joiner.handle(logs(record(2, 2, "gen_ai.user.message")));

    nanos.addAndGet(WINDOW.toNanos() + Duration.ofMillis(1100).toNanos());
    joiner.cleanUp();
    joiner.handle(logs(record(1, 1, "gen_ai.choice")));

    assertEquals(2, forwarded.size());
    assertEquals(List.of(true, false), overdueOf(1));
    assertEquals(List.of(false), overdueOf(2), "some records came in time");
    joiner.handle(traces(chat(3, 3)));
    joiner.close();
    assertEquals(List.of(true), forwarded.get(2).overdue(), "released at shutdown without any");
  }

  @Test
  void memoryBound_releasesTheOldestHeldTraceEarlyAndLosesNothing() {
    int oneTrace = traces(chat(1, 1)).getSerializedSize();
    SpanLogJoiner joiner = joiner(oneTrace + oneTrace / 2);
    CompletableFuture<ExportTraceServiceResponse> first = joiner.handle(traces(chat(1, 1)));

    CompletableFuture<ExportTraceServiceResponse> second = joiner.handle(traces(chat(2, 2)));
    joiner.cleanUp();

    assertEquals(1, forwarded.size(), "one trace released early");
    assertTrue(first.isDone() || second.isDone());
    assertEquals(1, joiner.releasedEarlyCount());
    joiner.close();
    assertEquals(2, forwarded.size());
    assertTrue(first.isDone() && second.isDone());
  }

  @Test
  void close_releasesEveryHeldSpanAndStopsHolding() {
    SpanLogJoiner joiner = joiner(1 << 20);
    CompletableFuture<ExportTraceServiceResponse> first = joiner.handle(traces(chat(1, 1)));
    CompletableFuture<ExportTraceServiceResponse> second = joiner.handle(traces(chat(2, 2)));

    joiner.close();
    CompletableFuture<ExportTraceServiceResponse> after = joiner.handle(traces(chat(3, 3)));

    assertEquals(3, forwarded.size());
    assertTrue(first.isDone() && second.isDone() && after.isDone());
  }

  @Test
  void onlyTheHeldTraceWaits_otherSpansOfTheRequestGoOnAtOnce() {
    SpanLogJoiner joiner = joiner(1 << 20);
    ExportTraceServiceRequest request = traces(chat(1, 1), span(2, 2, "GET /orders"));

    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(request);

    assertEquals(1, forwarded.size());
    assertEquals(List.of("GET /orders"), forwarded.get(0).spanNames());
    assertFalse(answered.isDone(), "the held part is not delivered yet");
    joiner.handle(logs(record(1, 1, "gen_ai.user.message"), record(1, 1, "gen_ai.choice")));
    assertEquals(List.of("chat"), forwarded.get(1).spanNames());
    assertTrue(answered.isDone());
  }

  @Test
  void heldSpansOfOneTraceWaitForEachOther() {
    SpanLogJoiner joiner = joiner(1 << 20);
    joiner.handle(traces(chat(1, 1), chat(1, 2), span(1, 3, "invoke_agent")));

    joiner.handle(logs(record(1, 1, "gen_ai.client.inference.operation.details")));
    assertTrue(forwarded.isEmpty(), "the second call of the trace has no content yet");
    joiner.handle(logs(record(1, 2, "gen_ai.client.inference.operation.details")));

    assertEquals(1, forwarded.size());
    assertEquals(List.of("chat", "chat", "invoke_agent"), forwarded.get(0).spanNames());
  }

  @Test
  void failedDeliveryOfAHeldSpanFailsTheUpstreamRequestForARetry() {
    SpanLogJoiner joiner = joiner(1 << 20);
    downstreamAnswer =
        CompletableFuture.failedFuture(
            new ExportException(true, "downstream answered UNAVAILABLE", null));
    CompletableFuture<ExportTraceServiceResponse> answered = joiner.handle(traces(chat(1, 1)));

    joiner.handle(logs(record(1, 1, "gen_ai.client.inference.operation.details")));

    ExecutionException e = assertThrows(ExecutionException.class, answered::get);
    assertTrue(e.getCause() instanceof ExportException);
  }

  private SpanLogJoiner joiner(long maxHeldBytes) {
    LogJoinConfig config = new LogJoinConfig(WINDOW, maxHeldBytes, Duration.ofSeconds(30), 1 << 20);
    LogExporter logExporter =
        new LogExporter() {
          @Override
          public CompletableFuture<ExportLogsServiceResponse> export(
              ExportLogsServiceRequest request) {
            logs.add(request);
            return CompletableFuture.completedFuture(
                ExportLogsServiceResponse.getDefaultInstance());
          }

          @Override
          public String describe() {
            return "test";
          }

          @Override
          public void close() {}
        };
    return new SpanLogJoiner(
        config,
        (request, records) -> {
          List<List<LogRecord>> joined = new ArrayList<>();
          List<Boolean> overdue = new ArrayList<>();
          request
              .getResourceSpansList()
              .forEach(
                  r ->
                      r.getScopeSpansList()
                          .forEach(
                              s ->
                                  s.getSpansList()
                                      .forEach(
                                          x -> {
                                            joined.add(records.recordsFor(x));
                                            overdue.add(records.contentOverdue(x));
                                          })));
          forwarded.add(new Forwarded(request, joined, overdue));
          CompletableFuture<ExportTraceServiceResponse> answer = downstreamAnswer;
          return answer != null
              ? answer
              : CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
        },
        logExporter,
        span -> span.getName().equals("chat"),
        nanos::get,
        Scheduler.disabledScheduler());
  }

  private static ExportTraceServiceRequest traces(Span... spans) {
    return traces("openai-instrumentation", spans);
  }

  private static ExportTraceServiceRequest traces(String scope, Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName(scope))
                        .addAllSpans(List.of(spans))))
        .build();
  }

  private static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records))))
        .build();
  }

  private static Span chat(int trace, int span) {
    return span(trace, span, "chat");
  }

  private static Span span(int trace, int span, String name) {
    return Span.newBuilder()
        .setTraceId(traceId(trace))
        .setSpanId(spanId(span))
        .setName(name)
        .build();
  }

  private static LogRecord record(int trace, int span, String event) {
    return LogRecord.newBuilder()
        .setTraceId(traceId(trace))
        .setSpanId(spanId(span))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("event.name")
                .setValue(AnyValue.newBuilder().setStringValue(event)))
        .setBody(AnyValue.newBuilder().setStringValue("content"))
        .build();
  }

  /** Returns the overdue flags of the forwarded request of trace {@code trace}. */
  private List<Boolean> overdueOf(int trace) {
    for (Forwarded request : forwarded) {
      Span first = request.request().getResourceSpans(0).getScopeSpans(0).getSpans(0);
      if (first.getTraceId().equals(traceId(trace))) {
        return request.overdue();
      }
    }
    throw new AssertionError("trace " + trace + " was not forwarded");
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static ByteString traceId(int n) {
    byte[] id = new byte[16];
    id[15] = (byte) n;
    id[0] = 1;
    return ByteString.copyFrom(id);
  }

  private static ByteString spanId(int n) {
    byte[] id = new byte[8];
    id[7] = (byte) n;
    id[0] = 1;
    return ByteString.copyFrom(id);
  }
}
