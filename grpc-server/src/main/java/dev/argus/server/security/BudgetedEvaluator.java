package dev.argus.server.security;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gives the scoring of each span a time budget, so that no input can hold a receiver thread for
 * long: scoring runs on a small bounded pool, and a span whose scoring does not finish within the
 * budget (or finds the pool saturated) is forwarded "not evaluated" with the reason recorded on
 * the span, instead of delaying its request. Thread-safe; {@link #close} stops the pool.
 */
public final class BudgetedEvaluator implements Evaluator, AutoCloseable {
  /** Default {@code scoring.time_budget}: 250 ms per span, far above normal scoring times. */
  public static final Duration DEFAULT_BUDGET = Duration.ofMillis(250);

  private final Evaluator delegate;
  private final String profile;
  private final long budgetNanos;
  private final ThreadPoolExecutor pool;
  private final LongAdder overBudget = new LongAdder();
  private final LongAdder saturated = new LongAdder();

  /**
   * Creates an evaluator that runs {@code delegate} on {@code threads} threads with {@code budget}
   * per span.
   *
   * @param profile the scoring profile named in "not evaluated" results
   */
  public BudgetedEvaluator(Evaluator delegate, String profile, Duration budget, int threads) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.profile = Objects.requireNonNull(profile, "profile");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("scoring.time_budget: " + budget + " (expected: > 0)");
    }
    this.budgetNanos = budget.toNanos();
    AtomicInteger number = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads * 256),
            task -> {
              Thread thread = new Thread(task, "argus-scoring-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public Evaluation evaluate(ScoringInput input) {
    Future<Evaluation> result;
    try {
      result = pool.submit(() -> delegate.evaluate(input));
    } catch (RejectedExecutionException e) {
      saturated.increment();
      return Evaluation.notEvaluated(profile, "scoring is saturated; span forwarded unscored");
    }
    try {
      return result.get(budgetNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // The scorer cannot be stopped from outside, but its result is no longer awaited.
      result.cancel(true);
      overBudget.increment();
      return Evaluation.notEvaluated(
          profile,
          "scoring exceeded its time budget (scoring.time_budget="
              + budgetNanos / 1_000_000
              + "ms)");
    } catch (ExecutionException e) {
      return Evaluation.notEvaluated(profile, "scoring failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Evaluation.notEvaluated(profile, "scoring was interrupted");
    }
  }

  /** Returns the number of spans whose scoring ran over budget. */
  public long overBudgetCount() {
    return overBudget.sum();
  }

  /** Returns the number of spans not scored because the pool was saturated. */
  public long saturatedCount() {
    return saturated.sum();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
