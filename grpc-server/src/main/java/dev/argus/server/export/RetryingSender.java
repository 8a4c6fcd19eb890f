package dev.argus.server.export;

import dev.argus.server.config.Durations;
import dev.argus.server.log.FailureStreak;
import dev.argus.server.log.ThrottledWarning;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one request downstream, retrying as {@link RetryPolicy} says, and records the outcome in
 * {@link DeliveryStats}. Blocks the calling thread (a queue consumer) while backing off, so other
 * consumers keep sending other requests meanwhile. Thread-safe.
 *
 * @param <T> the request type
 */
final class RetryingSender<T> {
  private static final Logger logger = Logger.getLogger(RetryingSender.class.getName());
  private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  /** How a delivery ended. */
  enum Outcome {
    /** The downstream accepted the request, maybe partially. */
    DELIVERED,
    /** The downstream rejected it permanently; dropped and counted. */
    DROPPED_PERMANENT,
    /** Still failing after the maximum elapsed time; dropped and counted. */
    DROPPED_EXPIRED,
    /** The service is stopping; the request was not delivered and is still owned by the caller. */
    STOPPED
  }

  private final Downstream<T> downstream;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private final DeliveryStats stats;
  private final ThrottledWarning retryWarning;
  private final FailureStreak sendStreak;
  private final ThrottledWarning permanentWarning;
  private final ThrottledWarning expiredWarning;
  private final ThrottledWarning rejectedWarning;
  private final ThrottledWarning partialMessage;

  RetryingSender(
      Downstream<T> downstream,
      RetryPolicy policy,
      Sleeper sleeper,
      LongSupplier nanoClock,
      DeliveryStats stats) {
    this.downstream = Objects.requireNonNull(downstream, "downstream");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.retryWarning = warning(Level.WARNING);
    this.permanentWarning = warning(Level.SEVERE);
    this.sendStreak =
        new FailureStreak(
            logger,
            retryWarning,
            "export of " + downstream.itemName() + " to " + downstream.describe(),
            "failed attempts");
    this.expiredWarning = warning(Level.WARNING);
    this.rejectedWarning = warning(Level.WARNING);
    this.partialMessage = warning(Level.INFO);
  }

  private ThrottledWarning warning(Level level) {
    return new ThrottledWarning(logger, level, WARNING_INTERVAL, nanoClock);
  }

  /** Delivers {@code request}, returning only once it is delivered, dropped or the queue stops. */
  Outcome deliver(T request, CompletableFuture<Void> stopped) {
    long start = nanoClock.getAsLong();
    for (int retry = 1; ; retry++) {
      Throwable failure;
      try {
        PartialSuccess result = attempt(request, stopped);
        if (result == null) {
          return Outcome.STOPPED;
        }
        recordSuccess(request, result);
        return Outcome.DELIVERED;
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      sendStreak.failed();
      Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - start);
      Optional<Duration> delay = policy.nextDelay(failure, retry, elapsed);
      if (delay.isEmpty()) {
        return drop(request, failure);
      }
      // The queue holds the request meanwhile: what an operator needs to know is that the
      // downstream fails, not each attempt (counted in the retries metric).
      ExportFailures.warn(
          retryWarning,
          "export of "
              + downstream.itemName()
              + " to "
              + downstream.describe()
              + " failed; the queue keeps the request and retries it",
          -1,
          failure);
      try {
        sleeper.sleep(delay.get());
      } catch (InterruptedException e) {
        return Outcome.STOPPED;
      }
      stats.retries.increment();
    }
  }

  /** Returns the result of one attempt, or null when the queue stopped while waiting. */
  private PartialSuccess attempt(T request, CompletableFuture<Void> stopped)
      throws ExecutionException {
    CompletableFuture<PartialSuccess> sent;
    try {
      sent = downstream.send(request);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    CompletableFuture.anyOf(sent, stopped).exceptionally(t -> null).join();
    if (!sent.isDone()) {
      return null;
    }
    try {
      return sent.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void recordSuccess(T request, PartialSuccess result) {
    sendStreak.succeeded();
    stats.deliveredRequests.increment();
    stats.deliveredItems.add(downstream.itemCount(request));
    recordPartialSuccess(result, stats, rejectedWarning, partialMessage, downstream.itemName());
  }

  /** Counts and logs what a downstream reported about rejected items; never asks for a retry. */
  static void recordPartialSuccess(
      PartialSuccess result,
      DeliveryStats stats,
      ThrottledWarning rejected,
      ThrottledWarning message,
      String itemName) {
    if (result.isFullSuccess()) {
      return;
    }
    if (result.rejected() > 0) {
      stats.rejectedByDownstreamItems.add(result.rejected());
      rejected.warn(
          "downstream accepted the request but rejected "
              + itemName
              + " (partial success, not retried)",
          downstreamMessage(result),
          result.rejected(),
          null);
    } else {
      message.warn(
          "downstream accepted the request with a message", downstreamMessage(result), 0, null);
    }
  }

  // The downstream's words differ from request to request: the detail, not what is counted by.
  private static String downstreamMessage(PartialSuccess result) {
    return "message=\"" + result.message().replace('"', '\'') + "\"";
  }

  private Outcome drop(T request, Throwable failure) {
    long items = downstream.itemCount(request);
    if (RetryPolicy.isRetryable(failure) && policy.config().enabled()) {
      stats.expiredItems.add(items);
      ExportFailures.warn(
          expiredWarning,
          "dropped "
              + downstream.itemName()
              + " still failing after retry_on_failure.max_elapsed_time="
              + Durations.format(policy.config().maxElapsedTime())
              + " to "
              + downstream.describe()
              + "; check that the downstream is reachable",
          items,
          failure);
      return Outcome.DROPPED_EXPIRED;
    }
    stats.permanentFailureItems.add(items);
    ExportFailures.warn(
        permanentWarning,
        "permanent failure: dropped "
            + downstream.itemName()
            + " rejected by "
            + downstream.describe(),
        items,
        failure);
    return Outcome.DROPPED_PERMANENT;
  }
}
