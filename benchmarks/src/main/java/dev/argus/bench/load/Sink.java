package dev.argus.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The {@link SpanSink} process, seen from the load command. */
final class Sink implements AutoCloseable {
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
  private static final long DRAIN_QUIET_MILLIS = 1_000;
  private static final long DRAIN_MAX_MILLIS = 15_000;
  private static final long DRAIN_POLL_MILLIS = 100;

  private final ChildProcess process;
  private final int port;

  private Sink(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the sink process and waits until it listens. */
  static Sink start(List<String> jvmOptions, Path log) throws IOException, InterruptedException {
    ChildProcess process =
        ChildProcess.start(
            "sink", ChildProcess.javaCommand(jvmOptions, SpanSink.class.getName()), log);
    String line = process.awaitLine("LISTENING ", Duration.ofSeconds(60));
    return new Sink(process, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
  }

  /** Returns the port the sink listens on. */
  int port() {
    return port;
  }

  /** Returns the sink's counters now. */
  Stats stats() throws IOException, InterruptedException {
    process.send("stats");
    String[] fields = process.awaitLine("STATS ", REPLY_TIMEOUT).split(" ");
    return new Stats(
        Long.parseLong(fields[1]),
        Long.parseLong(fields[2]),
        Long.parseLong(fields[3]),
        Long.parseLong(fields[4]));
  }

  /**
   * Waits until no span has arrived for a second (bounded), so spans still queued in the process
   * under test are counted where they belong, and returns the counters.
   */
  Stats drain() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + DRAIN_MAX_MILLIS;
    Stats last = stats();
    long quietSince = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline
        && System.currentTimeMillis() - quietSince < DRAIN_QUIET_MILLIS) {
      Thread.sleep(DRAIN_POLL_MILLIS);
      Stats now = stats();
      if (now.spans() != last.spans()) {
        quietSince = System.currentTimeMillis();
      }
      last = now;
    }
    return last;
  }

  @Override
  public void close() {
    process.close();
  }

  /**
   * Counters of the sink.
   *
   * @param spans spans received
   * @param requests requests received
   * @param sampledSpans spans in the fully parsed sample of requests
   * @param enrichedSpans sampled spans that were scored (verdict pass or fail)
   */
  record Stats(long spans, long requests, long sampledSpans, long enrichedSpans) {

    /** Returns the counters accumulated since {@code before}. */
    Stats minus(Stats before) {
      return new Stats(
          spans - before.spans,
          requests - before.requests,
          sampledSpans - before.sampledSpans,
          enrichedSpans - before.enrichedSpans);
    }
  }
}
