package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.correction.PiiMasker;
import dev.argus.semconv.model.GenAiCall;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls waiting for the dispatch thread are bounded by the heap their text holds. */
class DispatchQueueBoundTest {

  private static final int CALL_CHARS = 1 << 20;

  @TempDir Path directory;

  @Test
  void offer_whileTheDispatchThreadIsBusy_refusesCallsPastTheByteBound() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    PiiMasker blocking =
        text -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return text;
        };
    Path events = directory.resolve("events.jsonl");
    CorrectionConfig config =
        CorrectionConfig.builder()
            .setLocalFile(events)
            .setDeadLetterFile(directory.resolve("dead.jsonl"))
            .build();
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    long perCall = CallWeight.bytes(bigCall());
    int offers = (int) (2 * CorrectionDispatcher.MAX_QUEUED_BYTES / perCall);
    int accepted = 0;
    try (CorrectionDispatcher dispatcher =
        new CorrectionDispatcher(
            config,
            clock,
            new RecordingSleeper(clock),
            new FixedRandom(0.5),
            HttpClient.newHttpClient(),
            blocking)) {
      for (int i = 1; i <= offers; i++) {
        CorrectionCandidate candidate = TestCandidates.failed(String.format("%016x", i));
        CorrectionCandidate big =
            new CorrectionCandidate(
                candidate.traceId(),
                candidate.spanId(),
                candidate.serviceName(),
                bigCall(),
                candidate.evaluation(),
                0);
        if (dispatcher.offer(big).isPresent()) {
          accepted++;
        }
      }

      long bound = CorrectionDispatcher.MAX_QUEUED_BYTES / perCall;
      assertTrue(accepted >= bound && accepted <= bound + 1, accepted + " of " + offers);
      assertEquals(offers - accepted, dispatcher.stats().dropped());

      release.countDown();
      assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(60)));
      assertEquals(accepted, dispatcher.stats().localWritten());
    }
    assertEquals(accepted, Files.readAllLines(events).size());
  }

  @Test
  void bytes_countsEveryTextOfTheCall() {
    GenAiCall call = TestCandidates.call();
    long text =
        call.prompt().length()
            + call.completion().length()
            + call.inputMessages().stream().mapToLong(m -> m.text().length()).sum()
            + call.retrievedContext().stream().mapToLong(d -> d.content().length()).sum();

    assertTrue(CallWeight.bytes(call) >= CallWeight.OVERHEAD_BYTES + 2 * text);
    assertEquals(CallWeight.OVERHEAD_BYTES + 2L * CALL_CHARS, CallWeight.bytes(bigCall()));
  }

  private static GenAiCall bigCall() {
    return GenAiCall.builder().setPrompt("").setCompletion("x".repeat(CALL_CHARS)).build();
  }
}
