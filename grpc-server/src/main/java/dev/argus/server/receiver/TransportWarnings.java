package dev.argus.server.receiver;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Condenses the warning grpc-java's transport logs for every call whose framing it refuses (a
 * length prefix past the body, a compressed message without {@code grpc-encoding}): one line at
 * most once a minute, with the reason and how many calls it stands for, instead of a stack trace
 * per call that a broken or hostile client could flood the log with. The sender is answered
 * {@code INTERNAL} either way.
 */
final class TransportWarnings implements Filter {

  /** The logger grpc-java's server stream warns on. */
  static final String STREAM_LOGGER = "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream";

  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  // Held here: the log manager keeps loggers only weakly, and a new one would have no filter.
  private static final Logger STREAM = Logger.getLogger(STREAM_LOGGER);

  static {
    STREAM.setFilter(new TransportWarnings(System::nanoTime));
  }

  private final LongSupplier nanoClock;
  private final AtomicLong lastNanos;
  private final LongAdder unlogged = new LongAdder();

  TransportWarnings(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.lastNanos = new AtomicLong(nanoClock.getAsLong() - INTERVAL_NANOS);
  }

  /** Puts the filter on grpc-java's stream logger; later calls do nothing. */
  static void install() {
    // Loading the class did it.
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    unlogged.increment();
    long now = nanoClock.getAsLong();
    long last = lastNanos.get();
    if (now - last < INTERVAL_NANOS || !lastNanos.compareAndSet(last, now)) {
      return false;
    }
    Throwable thrown = record.getThrown();
    record.setThrown(null);
    record.setMessage(
        "gRPC call refused by the transport: "
            + (thrown == null ? record.getMessage() : thrown.getMessage())
            + " occurrences="
            + unlogged.sumThenReset());
    record.setParameters(null);
    return true;
  }
}
