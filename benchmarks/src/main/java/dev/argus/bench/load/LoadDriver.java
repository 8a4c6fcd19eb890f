package dev.argus.bench.load;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives OTLP/gRPC exports at a fixed concurrency: {@code concurrency} threads, each sending one
 * pre-encoded request at a time over a few shared channels, until the time is up or the request
 * budget is spent. Every loop is bounded in count and time.
 *
 * <p>Without a rate the loop is closed: each thread sends its next request as soon as the last was
 * answered, which finds the saturation throughput. With a rate the load is open: requests are due
 * at fixed intervals whatever the answers, and latency is timed from when a request was due, not
 * when a thread got round to sending it, so a target that falls behind shows its backlog in the
 * latency instead of quietly lowering the load.
 */
final class LoadDriver {
  private static final long CALL_TIMEOUT_SECONDS = 30;

  private final int port;
  private final int concurrency;
  private final int channels;
  private final long maxRequests;
  private final int spansPerSecond;
  private final AtomicLong ackedSpans = new AtomicLong();

  /** Creates a closed-loop driver for the OTLP/gRPC endpoint 127.0.0.1:{@code port}. */
  LoadDriver(int port, int concurrency, int channels, long maxRequests) {
    this(port, concurrency, channels, maxRequests, 0);
  }

  /**
   * Creates a driver for the OTLP/gRPC endpoint 127.0.0.1:{@code port} that offers {@code
   * spansPerSecond} spans per second, or runs closed-loop when it is 0.
   */
  LoadDriver(int port, int concurrency, int channels, long maxRequests, int spansPerSecond) {
    this.port = port;
    this.concurrency = concurrency;
    this.channels = channels;
    this.maxRequests = maxRequests;
    this.spansPerSecond = spansPerSecond;
  }

  /** Returns the spans acknowledged so far by the current or last run; safe from any thread. */
  long ackedSpans() {
    return ackedSpans.get();
  }

  /** Sends {@code payload} for {@code durationNanos} and returns what was achieved. */
  LoadResult run(Payload payload, long durationNanos) throws InterruptedException {
    List<ManagedChannel> open = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      open.add(
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .usePlaintext()
              .maxInboundMessageSize(ChildProcess.MAX_MESSAGE_BYTES)
              .build());
    }
    try {
      return drive(open, payload, durationNanos);
    } finally {
      for (ManagedChannel channel : open) {
        channel.shutdownNow();
      }
      for (ManagedChannel channel : open) {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private LoadResult drive(List<ManagedChannel> open, Payload payload, long durationNanos)
      throws InterruptedException {
    AtomicLong budget = new AtomicLong(maxRequests);
    AtomicLong errors = new AtomicLong();
    Worker[] workers = new Worker[concurrency];
    Thread[] threads = new Thread[concurrency];
    long start = System.nanoTime();
    long end = start + durationNanos;
    Schedule schedule =
        spansPerSecond == 0
            ? null
            : new Schedule(start, 1_000_000_000L * payload.spansPerRequest() / spansPerSecond);
    for (int i = 0; i < concurrency; i++) {
      workers[i] = new Worker(open.get(i % open.size()), payload, i, end, budget, errors, schedule);
      threads[i] = new Thread(workers[i], "load-" + i);
      threads[i].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;

    long spans = 0;
    int samples = 0;
    for (Worker worker : workers) {
      spans += worker.spans;
      samples += worker.count;
    }
    long[] latencies = new long[samples];
    int offset = 0;
    for (Worker worker : workers) {
      System.arraycopy(worker.latencies, 0, latencies, offset, worker.count);
      offset += worker.count;
    }
    return LoadResult.of(spans, errors.get(), elapsed, latencies);
  }

  /** The due times of an open-loop run: one request every {@code intervalNanos}. */
  private static final class Schedule {
    private final AtomicLong next;
    private final long intervalNanos;

    Schedule(long startNanos, long intervalNanos) {
      this.next = new AtomicLong(startNanos);
      this.intervalNanos = Math.max(1, intervalNanos);
    }

    /** Claims the next due time and waits until it comes; returns it. */
    long awaitNext() {
      long due = next.getAndAdd(intervalNanos);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      return due;
    }
  }

  /** One sender; its fields are read only after its thread has ended. */
  private final class Worker implements Runnable {
    private final ManagedChannel channel;
    private final Payload payload;
    private final int first;
    private final long endNanos;
    private final AtomicLong budget;
    private final AtomicLong errors;
    private final Schedule schedule;
    private long[] latencies = new long[1024];
    private int count;
    private long spans;

    Worker(
        ManagedChannel channel,
        Payload payload,
        int first,
        long endNanos,
        AtomicLong budget,
        AtomicLong errors,
        Schedule schedule) {
      this.channel = channel;
      this.payload = payload;
      this.first = first;
      this.endNanos = endNanos;
      this.budget = budget;
      this.errors = errors;
      this.schedule = schedule;
    }

    @Override
    public void run() {
      List<byte[]> requests = payload.requests();
      // Workers start at different requests so the process under test sees varied input.
      for (int i = first; System.nanoTime() < endNanos && budget.getAndDecrement() > 0; i++) {
        byte[] request = requests.get(i % requests.size());
        long sent = schedule == null ? System.nanoTime() : schedule.awaitNext();
        if (sent >= endNanos) {
          break;
        }
        try {
          ClientCalls.blockingUnaryCall(
              channel,
              TraceExport.METHOD,
              CallOptions.DEFAULT.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS),
              request);
        } catch (StatusRuntimeException e) {
          errors.incrementAndGet();
          continue;
        }
        record(System.nanoTime() - sent);
      }
    }

    private void record(long latencyNanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = latencyNanos;
      spans += payload.spansPerRequest();
      ackedSpans.addAndGet(payload.spansPerRequest());
    }
  }
}
