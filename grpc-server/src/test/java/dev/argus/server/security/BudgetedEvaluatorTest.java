package dev.argus.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import java.time.Duration;
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
      assertEquals(1, budgeted.overBudgetCount());
    }
  }
}
