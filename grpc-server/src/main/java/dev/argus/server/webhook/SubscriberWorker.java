package dev.argus.server.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one subscriber's events in order on its own thread: retries with backoff until the
 * event's maximum age, then dead-letters it; waits while the subscriber's breaker is open. A slow
 * or dead subscriber therefore delays only its own queue.
 */
final class SubscriberWorker implements Runnable {

  private static final Logger logger = Logger.getLogger(SubscriberWorker.class.getName());

  private final SubscriberConfig subscriber;
  private final BlockingQueue<Delivery> queue;
  private final WebhookSender sender;
  private final Backoff backoff;
  private final CircuitBreaker breaker;
  private final Duration maxElapsed;
  private final DeadLetterFile deadLetters;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WebhookStats stats;
  private final AtomicInteger pending;
  private Instant lastDeadLetterWarning;
  private long deadLettersSinceWarning;

  SubscriberWorker(
      SubscriberConfig subscriber,
      int queueSize,
      WebhookSender sender,
      Backoff backoff,
      CircuitBreaker breaker,
      Duration maxElapsed,
      DeadLetterFile deadLetters,
      Clock clock,
      Sleeper sleeper,
      WebhookStats stats,
      AtomicInteger pending) {
    this.subscriber = subscriber;
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.sender = sender;
    this.backoff = backoff;
    this.breaker = breaker;
    this.maxElapsed = maxElapsed;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.sleeper = sleeper;
    this.stats = stats;
    this.pending = pending;
  }

  SubscriberConfig subscriber() {
    return subscriber;
  }

  /** Queues {@code delivery}; when the queue is full it goes to the dead-letter file instead. */
  void enqueue(Delivery delivery) {
    pending.incrementAndGet();
    if (!queue.offer(delivery)) {
      stats.dropped.increment();
      deadLetter(
          delivery,
          delivery.attemptsSoFar(),
          "queue_full",
          DeliveryOutcome.permanent(0, "pending queue full"));
      pending.decrementAndGet();
    }
  }

  @Override
  public void run() {
    while (!Thread.currentThread().isInterrupted()) {
      Delivery delivery;
      try {
        delivery = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        deliver(delivery);
      } catch (InterruptedException e) {
        deadLetter(
            delivery,
            delivery.attemptsSoFar(),
            "shutdown",
            DeliveryOutcome.retryable(0, "ARGUS stopped before delivery", null));
        return;
      } catch (RuntimeException e) {
        // Never let one bad delivery kill the subscriber's thread.
        logger.log(
            Level.WARNING,
            "webhook delivery failed unexpectedly subscriber=" + subscriber.name(),
            e);
        deadLetter(
            delivery,
            delivery.attemptsSoFar(),
            "internal_error",
            DeliveryOutcome.permanent(0, e.getClass().getSimpleName()));
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /** Delivers until success, a permanent rejection or the maximum age. */
  void deliver(Delivery delivery) throws InterruptedException {
    int attempts = delivery.attemptsSoFar();
    while (true) {
      Duration paused = breaker.remainingOpen();
      if (!paused.isZero()) {
        sleeper.sleep(paused);
      }
      attempts++;
      stats.attempts.increment();
      DeliveryOutcome outcome = sender.send(subscriber, delivery.webhookId(), delivery.body());
      if (outcome.kind() == DeliveryOutcome.Kind.DELIVERED) {
        stats.delivered.increment();
        if (breaker.onSuccess()) {
          logger.info("webhook subscriber recovered subscriber=" + subscriber.name());
        }
        return;
      }
      recordFailure(outcome);
      if (outcome.kind() == DeliveryOutcome.Kind.PERMANENT) {
        deadLetter(delivery, attempts, "rejected", outcome);
        return;
      }
      Duration delay = backoff.delay(attempts, outcome.retryAfter());
      Instant next = clock.instant().plus(delay);
      if (next.isAfter(delivery.createdAt().plus(maxElapsed))) {
        deadLetter(delivery, attempts, "max_elapsed_time", outcome);
        return;
      }
      logger.fine(
          () ->
              "webhook attempt failed subscriber="
                  + subscriber.name()
                  + " id="
                  + delivery.webhookId()
                  + " error="
                  + outcome.error()
                  + " retry_in="
                  + delay);
      sleeper.sleep(delay);
    }
  }

  private void recordFailure(DeliveryOutcome outcome) {
    if (breaker.onFailure()) {
      stats.breakerOpened.increment();
      logger.warning(
          "webhook subscriber paused after repeated failures subscriber="
              + subscriber.name()
              + " last_error="
              + outcome.error()
              + "; check that the endpoint is up and accepts the events");
    }
  }

  // One line a minute at most, with the count since the last one: an operator must act (fix the
  // endpoint, then replay), but a dead endpoint must not flood the log.
  private synchronized void warnDeadLettered(String reason, DeliveryOutcome last) {
    deadLettersSinceWarning++;
    Instant now = clock.instant();
    if (lastDeadLetterWarning != null
        && now.isBefore(lastDeadLetterWarning.plus(Duration.ofMinutes(1)))) {
      return;
    }
    logger.warning(
        "webhook deliveries dead-lettered subscriber="
            + subscriber.name()
            + " count="
            + deadLettersSinceWarning
            + " reason="
            + reason
            + " last_error="
            + last.error()
            + " file="
            + deadLetters.path()
            + "; fix the endpoint, then run: argus replay-dead-letters --config <file>");
    lastDeadLetterWarning = now;
    deadLettersSinceWarning = 0;
  }

  /** Moves everything still queued to the dead-letter file; used at shutdown. */
  void drainToDeadLetters() {
    List<Delivery> left = new ArrayList<>();
    queue.drainTo(left);
    for (Delivery delivery : left) {
      deadLetter(
          delivery,
          delivery.attemptsSoFar(),
          "shutdown",
          DeliveryOutcome.retryable(0, "ARGUS stopped before delivery", null));
      pending.decrementAndGet();
    }
  }

  private void deadLetter(Delivery delivery, int attempts, String reason, DeliveryOutcome last) {
    DeadLetter letter =
        new DeadLetter(
            subscriber.name(),
            delivery.webhookId(),
            delivery.eventType(),
            delivery.createdAt().toString(),
            clock.instant().toString(),
            attempts,
            last.status(),
            reason,
            last.error(),
            new String(delivery.body(), StandardCharsets.UTF_8));
    try {
      deadLetters.append(letter);
      stats.deadLettered.increment();
      warnDeadLettered(reason, last);
    } catch (IOException e) {
      logger.log(
          Level.WARNING,
          "cannot write dead-letter file path="
              + deadLetters.path()
              + " id="
              + delivery.webhookId()
              + "; the delivery is lost",
          e);
    }
  }
}
