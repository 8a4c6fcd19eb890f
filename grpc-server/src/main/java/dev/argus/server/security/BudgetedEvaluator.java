package dev.argus.server.security;

import dev.argus.core.enrich.BatchEvaluator;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.server.config.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gives the scoring of each call a time budget, so that no input can hold a receiver thread for
 * long: scoring runs on a small bounded pool, and a call whose scoring does not finish within the
 * budget (or finds the pool saturated) is returned "not evaluated" with the reason, instead of
 * delaying its request: a span is forwarded with the reason recorded on it, an inline evaluation is
 * answered {@code allow}. The wording of the reasons suits both. The spans of one request are
 * scored in parallel ({@link #evaluateAll}), so a request waits about as long as its share of the
 * pool needs rather than the sum of its spans' hand-offs. A scorer that overruns cannot be stopped
 * from outside: its thread finishes it and the late result is dropped. Thread-safe; {@link #close}
 * stops the pool.
 */
public final class BudgetedEvaluator implements Evaluator, BatchEvaluator, AutoCloseable {
  /** Default {@code scoring.time_budget}: 250 ms per call, far above normal scoring times. */
  public static final Duration DEFAULT_BUDGET = Duration.ofMillis(250);

  private final Evaluator delegate;
  private final String profile;
  private final long budgetNanos;
  private final ThreadPoolExecutor pool;
  private final LongAdder overBudget = new LongAdder();
  private final LongAdder saturated = new LongAdder();
  private final AtomicLong progressNanos = new AtomicLong(System.nanoTime());
  private final LongAdder busyNanos = new LongAdder();
  private final Evaluation overBudgetResult;
  private final Evaluation saturatedResult;

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
    this.overBudgetResult =
        Evaluation.notEvaluated(
            profile,
            ArgusAttributes.REASON_SCORING_OVER_BUDGET,
            "scoring exceeded its time budget (scoring.time_budget="
                + Durations.format(budget)
                + ")");
    this.saturatedResult =
        Evaluation.notEvaluated(
            profile,
            ArgusAttributes.REASON_SCORING_SATURATED,
            "scoring is saturated: no scoring thread took the call up within scoring.time_budget="
                + Durations.format(budget));
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
    // singletonList, unlike List.of, passes a null input on to the delegate as before.
    return evaluateAll(Collections.singletonList(input)).get(0);
  }

  /**
   * Scores {@code inputs} on the pool, as many at once as there are threads, and returns their
   * evaluations in input order once all are settled. Each call gets the time budget from when a
   * thread takes it up; a call no thread takes up while the pool makes no progress for a whole
   * budget (every thread is stuck on an overrunning call) is returned "not evaluated" as saturated,
   * and so is every call when the pool's queue is full.
   */
  @Override
  public List<Evaluation> evaluateAll(List<ScoringInput> inputs) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    ScoringBatch batch = new ScoringBatch(inputs, delegate, profile, progressNanos, busyNanos);
    // One task per thread that can help, not one per call: each takes calls until none is left,
    // so a request of 100 calls costs a few hand-offs instead of two per call.
    int tasks = Math.min(batch.size(), pool.getMaximumPoolSize());
    int submitted = 0;
    for (int i = 0; i < tasks; i++) {
      try {
        pool.execute(batch::work);
        submitted++;
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    if (submitted == 0) {
      saturated.add(batch.settleRest(saturatedResult));
    }
    List<Evaluation> evaluations = batch.await(budgetNanos, overBudgetResult, saturatedResult);
    overBudget.add(batch.overBudgetCount());
    saturated.add(batch.unstartedCount());
    return evaluations;
  }

  /** Returns the number of spans whose scoring ran over budget. */
  public long overBudgetCount() {
    return overBudget.sum();
  }

  /** Returns the number of spans not scored because the pool was saturated. */
  public long saturatedCount() {
    return saturated.sum();
  }

  /**
   * Returns the seconds the pool's threads have spent scoring, calls that ran over budget included.
   * Its rate over the number of {@link #threads} is how busy scoring is: near 1, spans start to
   * queue for a thread.
   */
  public double busySeconds() {
    return busyNanos.sum() / 1e9;
  }

  /** Returns the number of scoring threads. */
  public int threads() {
    return pool.getMaximumPoolSize();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
