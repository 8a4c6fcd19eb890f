package dev.argus.server.security;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.ArgusAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls of one request on their way through the scoring pool. Pool threads take the calls one
 * at a time in order ({@link #work}); the thread that submitted the batch waits for all of them
 * ({@link #await}) and gives up on a call that runs past its budget, or that no thread took up
 * while the whole pool made no progress for a budget (its threads are all stuck). A batch that
 * merely queues behind other requests waits: that is backpressure, not a fault of its calls.
 *
 * <p>Each call's result is settled exactly once, by whichever comes first: the scorer's result or
 * the waiter giving up. A result that comes too late is dropped, and a call given up before any
 * thread took it is never scored. Only the settling of the last call wakes the waiter, so a batch
 * costs its waiter one wake-up however many calls it has.
 */
final class ScoringBatch {
  private final List<ScoringInput> inputs;
  private final Evaluator delegate;
  private final String profile;
  private final AtomicReferenceArray<Evaluation> results;
  // System.nanoTime() when a pool thread took the call; 0 while none has.
  private final AtomicLongArray started;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger unsettled;
  private final Thread waiter;
  // When a thread of the pool last took or finished a call of any batch.
  private final AtomicLong poolProgressNanos;
  // Time the pool's threads spent scoring, over all batches.
  private final LongAdder poolBusyNanos;
  private final long createdNanos;
  // Written and read by the waiter only.
  private int overBudget;
  private int unstarted;

  /**
   * Creates a batch of {@code inputs} whose waiter is the current thread.
   *
   * @param profile the scoring profile named in "not evaluated" results
   * @param poolProgressNanos shared by the batches of one pool: when its threads last took or
   *     finished a call
   * @param poolBusyNanos shared by the batches of one pool: the time its threads spent scoring
   */
  ScoringBatch(
      List<ScoringInput> inputs,
      Evaluator delegate,
      String profile,
      AtomicLong poolProgressNanos,
      LongAdder poolBusyNanos) {
    this.inputs = inputs;
    this.delegate = delegate;
    this.profile = profile;
    this.results = new AtomicReferenceArray<>(inputs.size());
    this.started = new AtomicLongArray(inputs.size());
    this.unsettled = new AtomicInteger(inputs.size());
    this.waiter = Thread.currentThread();
    this.poolProgressNanos = poolProgressNanos;
    this.poolBusyNanos = poolBusyNanos;
    this.createdNanos = System.nanoTime();
  }

  /** Returns the number of calls. */
  int size() {
    return inputs.size();
  }

  /** Scores calls of the batch until none is left to take; run by pool threads. */
  void work() {
    for (int i = next.getAndIncrement(); i < inputs.size(); i = next.getAndIncrement()) {
      if (results.get(i) != null) {
        // Given up before any thread took it.
        continue;
      }
      long now = System.nanoTime();
      started.set(i, now == 0 ? 1 : now);
      poolProgressNanos.setRelease(now);
      Evaluation result = evaluate(inputs.get(i));
      long end = System.nanoTime();
      poolProgressNanos.setRelease(end);
      poolBusyNanos.add(end - now);
      settle(i, result);
    }
  }

  private Evaluation evaluate(ScoringInput input) {
    try {
      return delegate.evaluate(input);
    } catch (Throwable e) {
      // What a future would have caught: the failure stays with this call.
      return Evaluation.notEvaluated(
          profile, ArgusAttributes.REASON_SCORING_ERROR, "scoring failed: " + e);
    }
  }

  /**
   * Settles call {@code i} with {@code result} unless it is settled already; returns whether this
   * call settled it.
   */
  boolean settle(int i, Evaluation result) {
    if (!results.compareAndSet(i, null, result)) {
      return false;
    }
    if (unsettled.decrementAndGet() == 0 && Thread.currentThread() != waiter) {
      LockSupport.unpark(waiter);
    }
    return true;
  }

  /** Settles every call not settled yet with {@code result}; returns how many it settled. */
  int settleRest(Evaluation result) {
    int settled = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (settle(i, result)) {
        settled++;
      }
    }
    return settled;
  }

  /**
   * Waits until every call is settled and returns the results in input order. A call running longer
   * than {@code budgetNanos} is settled with {@code overBudget}; a call not taken while the pool
   * made no progress for {@code budgetNanos} (counted from the batch's creation at the earliest) is
   * settled with {@code saturated}. Must be called by the thread that created the batch.
   */
  List<Evaluation> await(long budgetNanos, Evaluation overBudgetResult, Evaluation saturated) {
    while (unsettled.get() > 0) {
      long now = System.nanoTime();
      long wakeAt = now + budgetNanos;
      for (int i = 0; i < inputs.size(); i++) {
        if (results.get(i) != null) {
          continue;
        }
        long startedAt = started.get(i);
        long deadline = (startedAt != 0 ? startedAt : lastProgress()) + budgetNanos;
        if (now - deadline < 0) {
          wakeAt = wakeAt - deadline > 0 ? deadline : wakeAt;
        } else {
          if (startedAt != 0 && settle(i, overBudgetResult)) {
            overBudget++;
          } else if (startedAt == 0 && settle(i, saturated)) {
            unstarted++;
          }
        }
      }
      if (unsettled.get() > 0) {
        LockSupport.parkNanos(this, wakeAt - now);
      }
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        settleRest(
            Evaluation.notEvaluated(
                profile, ArgusAttributes.REASON_SCORING_ERROR, "scoring was interrupted"));
      }
    }
    List<Evaluation> ordered = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      ordered.add(results.get(i));
    }
    return ordered;
  }

  private long lastProgress() {
    long pool = poolProgressNanos.getAcquire();
    return pool - createdNanos > 0 ? pool : createdNanos;
  }

  /** Returns how many running calls {@link #await} gave up on for running past the budget. */
  int overBudgetCount() {
    return overBudget;
  }

  /** Returns how many calls {@link #await} gave up on before any thread took them. */
  int unstartedCount() {
    return unstarted;
  }
}
