package dev.argus.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.model.GenAiCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BudgetedEvaluatorTest {
  private static final Evaluation DONE = Evaluation.notEvaluated("default", "fake result");

  @Test
  void fastScoringReturnsTheScorersResult() {
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(input -> DONE, "default", Duration.ofSeconds(1), 2)) {
      assertSame(DONE, budgeted.evaluate(null));
      assertEquals(0, budgeted.overBudgetCount());
    }
  }

  @Test
  void scoringOverBudgetIsCutOffAndRecordedAsNotEvaluated() {
    Evaluator stuck =
        input -> {
          long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
          while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
          }
          return DONE;
        };
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(stuck, "default", Duration.ofMillis(50), 1)) {
      long start = System.nanoTime();
      Evaluation evaluation = budgeted.evaluate(null);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 1_000, "waited " + millis + " ms");
      assertTrue(evaluation.toString().contains("time budget"), evaluation.toString());
      assertEquals(
          "scoring exceeded its time budget (scoring.time_budget=50ms)", evaluation.explanation());
      assertEquals(1, budgeted.overBudgetCount());
    }
  }

  @Test
  void evaluateAllReturnsEachCallsResultInInputOrder() {
    // Later calls finish first, so completion order is the reverse of input order.
    Evaluator byPrompt =
        input -> {
          sleepMillis(2L * (20 - Integer.parseInt(input.call().prompt())));
          return result(input);
        };
    List<ScoringInput> inputs = inputs(20);
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(byPrompt, "default", Duration.ofSeconds(5), 4)) {
      List<Evaluation> evaluations = budgeted.evaluateAll(inputs);

      assertEquals(20, evaluations.size());
      for (int i = 0; i < 20; i++) {
        assertEquals(result(inputs.get(i)), evaluations.get(i), "call " + i);
      }
      assertEquals(0, budgeted.overBudgetCount());
    }
  }

  @Test
  void evaluateAllScoresTheCallsOfOneBatchAtTheSameTime() {
    // Each call waits until every call of the batch has started: only parallel scoring gets all
    // of them through within the budget.
    CountDownLatch allStarted = new CountDownLatch(3);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Evaluator meeting =
        input -> {
          threads.add(Thread.currentThread());
          allStarted.countDown();
          awaitQuietly(allStarted, 20_000);
          return result(input);
        };
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(meeting, "default", Duration.ofSeconds(10), 3)) {
      List<Evaluation> evaluations = budgeted.evaluateAll(inputs(3));

      assertEquals(
          List.of(result(inputs(3).get(0)), result(inputs(3).get(1)), result(inputs(3).get(2))),
          evaluations);
      assertEquals(3, threads.size());
      assertEquals(0, budgeted.overBudgetCount());
    }
  }

  @Test
  void aCallOverBudgetIsCutOffWhileTheRestOfItsBatchIsScored() {
    Evaluator oneStuck =
        input -> {
          if (input.call().prompt().equals("3")) {
            sleepMillis(6_000);
          }
          return result(input);
        };
    List<ScoringInput> inputs = inputs(10);
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(oneStuck, "default", Duration.ofSeconds(1), 2)) {
      long start = System.nanoTime();
      List<Evaluation> evaluations = budgeted.evaluateAll(inputs);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 4_500, "waited " + millis + " ms");
      for (int i = 0; i < 10; i++) {
        if (i == 3) {
          assertTrue(
              evaluations.get(i).explanation().contains("time budget"),
              evaluations.get(i).toString());
          assertEquals(
              ArgusAttributes.REASON_SCORING_OVER_BUDGET, evaluations.get(i).notEvaluatedReason());
        } else {
          assertEquals(result(inputs.get(i)), evaluations.get(i), "call " + i);
        }
      }
      assertEquals(1, budgeted.overBudgetCount());
      assertEquals(0, budgeted.saturatedCount());
    }
  }

  @Test
  void callsNoThreadTakesUpWithinTheBudgetAreForwardedAsSaturated() {
    // One thread, stuck on the first call: the others never start.
    Evaluator firstStuck =
        input -> {
          if (input.call().prompt().equals("0")) {
            sleepMillis(3_000);
          }
          return result(input);
        };
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(firstStuck, "default", Duration.ofMillis(200), 1)) {
      long start = System.nanoTime();
      List<Evaluation> evaluations = budgeted.evaluateAll(inputs(4));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 2_000, "waited " + millis + " ms");
      assertTrue(evaluations.get(0).explanation().contains("time budget"));
      assertEquals(
          ArgusAttributes.REASON_SCORING_OVER_BUDGET, evaluations.get(0).notEvaluatedReason());
      for (int i = 1; i < 4; i++) {
        assertTrue(
            evaluations.get(i).explanation().contains("saturated"), evaluations.get(i).toString());
        // The same result answers an inline evaluation, which is not a span and is not forwarded.
        assertEquals(
            "scoring is saturated: no scoring thread took the call up within"
                + " scoring.time_budget=200ms",
            evaluations.get(i).explanation());
        assertEquals(
            ArgusAttributes.REASON_SCORING_SATURATED, evaluations.get(i).notEvaluatedReason());
      }
      assertEquals(1, budgeted.overBudgetCount());
      assertEquals(3, budgeted.saturatedCount());
    }
  }

  @Test
  void aBatchQueuedBehindBusyButProgressingThreadsWaitsInsteadOfGivingUp() throws Exception {
    // Each call takes 100 ms on the single thread: the second batch waits about a second, two
    // and a half budgets, behind the first, yet the pool keeps making progress all along.
    Evaluator slow =
        input -> {
          sleepMillis(100);
          return result(input);
        };
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(slow, "default", Duration.ofMillis(400), 1)) {
      List<ScoringInput> inputs = inputs(10);
      CompletableFuture<List<Evaluation>> first =
          CompletableFuture.supplyAsync(() -> budgeted.evaluateAll(inputs));
      sleepMillis(30);
      List<Evaluation> second = budgeted.evaluateAll(inputs(2));

      assertEquals(List.of(result(inputs.get(0)), result(inputs.get(1))), second);
      List<Evaluation> firstResults = first.get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 10; i++) {
        assertEquals(result(inputs.get(i)), firstResults.get(i), "call " + i);
      }
      assertEquals(0, budgeted.saturatedCount());
      assertEquals(0, budgeted.overBudgetCount());
    }
  }

  @Test
  void aScorerThatThrowsCostsOnlyItsOwnCall() {
    Evaluator throwsOnTwo =
        input -> {
          if (input.call().prompt().equals("2")) {
            throw new IllegalStateException("scorer bug");
          }
          return result(input);
        };
    List<ScoringInput> inputs = inputs(5);
    try (BudgetedEvaluator budgeted =
        new BudgetedEvaluator(throwsOnTwo, "default", Duration.ofSeconds(5), 2)) {
      List<Evaluation> evaluations = budgeted.evaluateAll(inputs);

      assertTrue(
          evaluations.get(2).explanation().contains("scorer bug"), evaluations.get(2).toString());
      assertEquals(ArgusAttributes.REASON_SCORING_ERROR, evaluations.get(2).notEvaluatedReason());
      for (int i : new int[] {0, 1, 3, 4}) {
        assertEquals(result(inputs.get(i)), evaluations.get(i), "call " + i);
      }
    }
  }

  @Test
  void aClosedEvaluatorAnswersSaturatedWithoutWaiting() {
    BudgetedEvaluator budgeted =
        new BudgetedEvaluator(BudgetedEvaluatorTest::result, "default", Duration.ofSeconds(5), 2);
    budgeted.close();

    List<Evaluation> evaluations = budgeted.evaluateAll(inputs(3));

    assertEquals(3, evaluations.size());
    evaluations.forEach(e -> assertTrue(e.explanation().contains("saturated"), e.toString()));
    assertEquals(3, budgeted.saturatedCount());
  }

  private static List<ScoringInput> inputs(int count) {
    List<ScoringInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(
          ScoringInput.of(
              GenAiCall.builder().setPrompt(Integer.toString(i)).setCompletion("answer").build()));
    }
    return inputs;
  }

  private static Evaluation result(ScoringInput input) {
    return Evaluation.notEvaluated("default", "scored " + input.call().prompt());
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
