package dev.argus.server.export;

import dev.argus.server.config.Durations;
import dev.argus.server.log.ThrottledWarning;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded queue between the receivers and the downstream, kept in memory or in a {@link
 * WriteAheadLog}, emptied by {@code num_consumers} threads that send with retries.
 *
 * <p>{@link #offer} returns once the requests are kept: in memory, or durable on disk. When the
 * queue holds {@code queue_size} requests, or the log is at its size cap, it throws a retryable
 * {@link ExportException} instead, so that the sender keeps the data. {@link #close} stops taking
 * requests, keeps sending until the queue is empty or the drain timeout passed, then stops; what is
 * left stays in the write-ahead log for the next start (persistent) or is counted as lost (memory).
 * Thread-safe.
 *
 * @param <T> the request type
 */
public final class SendingQueue<T> implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(SendingQueue.class.getName());
  private static final Duration REFUSAL_RETRY_DELAY = Duration.ofSeconds(1);
  private static final long POLL_MILLIS = 50;

  private final SendingQueueConfig config;
  private final Downstream<T> downstream;
  private final DeliveryStats stats = new DeliveryStats();
  private final WriteAheadLog log;
  private final RetryingSender<T> sender;
  private final LinkedBlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final CountDownLatch stopLatch = new CountDownLatch(1);
  private final List<Thread> consumers = new ArrayList<>();
  private final ThrottledWarning refusals;
  private volatile boolean accepting = true;
  private boolean closed;

  /**
   * Opens a queue with real time and random jitter, recovers what an earlier run left in the
   * write-ahead log, and starts the consumers.
   *
   * @throws IOException when the write-ahead log cannot be opened
   */
  public static <T> SendingQueue<T> start(
      SendingQueueConfig config, RetryConfig retry, Downstream<T> downstream) throws IOException {
    RetryPolicy policy = new RetryPolicy(retry, () -> ThreadLocalRandom.current().nextDouble());
    return new SendingQueue<>(config, downstream, policy, null, System::nanoTime);
  }

  /**
   * Opens a queue and starts its consumers.
   *
   * @param sleeper waits between attempts; null to wait on the real clock until shutdown
   */
  SendingQueue(
      SendingQueueConfig config,
      Downstream<T> downstream,
      RetryPolicy policy,
      Sleeper sleeper,
      LongSupplier nanoClock)
      throws IOException {
    this.config = Objects.requireNonNull(config, "config");
    this.downstream = Objects.requireNonNull(downstream, "downstream");
    Sleeper wait = sleeper != null ? sleeper : this::sleepUntilStopped;
    // Persistent data was acknowledged as durable: only a permanent error or the disk cap may
    // lose it, so max_elapsed_time (a memory-mode bound) does not apply.
    RetryPolicy effective = config.persistent() ? policy.withoutElapsedLimit() : policy;
    this.sender = new RetryingSender<>(downstream, effective, wait, nanoClock, stats);
    this.refusals = new ThrottledWarning(logger, Level.WARNING, Duration.ofMinutes(1), nanoClock);
    this.log =
        config.persistent()
            ? WriteAheadLog.open(
                config.storage(),
                config.segmentBytes(),
                config.maxStorageBytes(),
                config.fsync(),
                stats)
            : null;
    if (log != null) {
      recover();
    }
    for (int i = 0; i < config.numConsumers(); i++) {
      Thread consumer = new Thread(this::consume, "argus-sending-queue-" + i);
      consumer.setDaemon(true);
      consumers.add(consumer);
      consumer.start();
    }
  }

  /** Returns the counters. */
  public DeliveryStats stats() {
    return stats;
  }

  /** Returns the number of requests queued or being sent. */
  public int size() {
    return pending.get();
  }

  /** Returns the settings. */
  public SendingQueueConfig config() {
    return config;
  }

  /**
   * Takes responsibility for all of {@code requests} (the parts of one export), or for none.
   *
   * @throws ExportException retryable, when the queue or its storage is full or stopping
   */
  public void offer(List<T> requests) {
    long items = 0;
    for (T request : requests) {
      items += downstream.itemCount(request);
    }
    if (!accepting) {
      throw refuse(items, "ARGUS is shutting down");
    }
    if (pending.addAndGet(requests.size()) > config.queueSize()) {
      pending.addAndGet(-requests.size());
      throw refuse(
          items,
          "sending queue of "
              + downstream.itemName()
              + " is full (queue_size="
              + config.queueSize()
              + ")");
    }
    List<Entry<T>> entries = new ArrayList<>(requests.size());
    try {
      for (T request : requests) {
        entries.add(store(request));
      }
    } catch (IOException e) {
      entries.forEach(this::discard);
      pending.addAndGet(-requests.size());
      throw refuse(items, e.getMessage());
    }
    queue.addAll(entries);
    stats.acceptedRequests.add(requests.size());
    stats.acceptedItems.add(items);
  }

  /**
   * Stops taking requests, sends what is queued until the queue is empty or the drain timeout
   * passed, then stops the consumers. Requests left are kept in the write-ahead log, or counted and
   * logged as lost for a memory queue.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    accepting = false;
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stopped.complete(null);
    stopLatch.countDown();
    for (Thread consumer : consumers) {
      try {
        consumer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reportLeftovers(pending.get());
    if (log != null) {
      log.close();
    }
  }

  private void reportLeftovers(int left) {
    if (left == 0) {
      logger.info("sending queue of " + downstream.itemName() + " drained " + stats.describe());
    } else if (log != null) {
      logger.info(
          "sending queue of "
              + downstream.itemName()
              + " stopped with "
              + left
              + " requests kept in "
              + config.storage()
              + "; they are sent at the next start "
              + stats.describe());
    } else {
      stats.lostAtShutdownRequests.add(left);
      logger.warning(
          "sending queue of "
              + downstream.itemName()
              + " stopped after drain_timeout="
              + Durations.format(config.drainTimeout())
              + " with "
              + left
              + " requests not delivered (memory queue); use sending_queue.storage to keep them "
              + stats.describe());
    }
  }

  private ExportException refuse(long items, String reason) {
    stats.refusedRequests.increment();
    stats.refusedItems.add(items);
    refusals.warn("refused requests retryably: " + reason, items, null);
    return ExportException.overloaded(reason + "; retry later", REFUSAL_RETRY_DELAY);
  }

  private Entry<T> store(T request) throws IOException {
    if (log == null) {
      return new Entry<>(request, null);
    }
    return new Entry<>(null, log.append(downstream.encode(request)));
  }

  private void discard(Entry<T> entry) {
    if (entry.record != null) {
      log.remove(entry.record);
    }
  }

  private void recover() {
    List<WriteAheadLog.Record> records = log.recovered();
    if (records.isEmpty()) {
      return;
    }
    for (WriteAheadLog.Record record : records) {
      queue.add(new Entry<>(null, record));
    }
    pending.addAndGet(records.size());
    stats.recoveredRequests.add(records.size());
    logger.info(
        "sending queue recovered "
            + records.size()
            + " undelivered requests from "
            + config.storage()
            + "; some may already have been delivered and arrive twice (at-least-once)");
  }

  private void consume() {
    while (true) {
      Entry<T> entry;
      try {
        entry = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (stopped.isDone()) {
        // An entry taken now stays in the log (persistent) or counts as left over (memory).
        return;
      }
      if (entry != null) {
        deliver(entry);
      }
    }
  }

  private void deliver(Entry<T> entry) {
    T request;
    try {
      request = entry.record == null ? entry.request : downstream.decode(log.read(entry.record));
    } catch (IOException | RuntimeException e) {
      stats.corruptRecords.increment();
      logger.log(Level.WARNING, "skipping an unreadable request in the write-ahead log", e);
      finish(entry);
      return;
    }
    RetryingSender.Outcome outcome = sender.deliver(request, stopped);
    if (outcome != RetryingSender.Outcome.STOPPED) {
      finish(entry);
    }
  }

  private void finish(Entry<T> entry) {
    discard(entry);
    pending.decrementAndGet();
  }

  private void sleepUntilStopped(Duration duration) throws InterruptedException {
    if (stopLatch.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new InterruptedException("sending queue is stopping");
    }
  }

  /** A queued request: the request itself (memory) or where it is in the log (persistent). */
  private record Entry<T>(T request, WriteAheadLog.Record record) {}
}
