package dev.argus.server.receiver;

import dev.argus.server.log.ThrottledWarning;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Condenses the warning grpc-java's transport logs for every call whose framing it refuses (a
 * length prefix past the body, a compressed message without {@code grpc-encoding}): one line on
 * ARGUS's own logger at most once a minute, with the reason and how many calls it stands for,
 * instead of a stack trace per call that a broken or hostile client could flood the log with. The
 * sender is answered {@code INTERNAL} either way.
 */
final class TransportWarnings implements Filter {

  /** The logger grpc-java's server stream warns on. */
  static final String STREAM_LOGGER = "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream";

  // Held here: the log manager keeps loggers only weakly, and a new one would have no filter.
  private static final Logger STREAM = Logger.getLogger(STREAM_LOGGER);
  private static final Logger logger = Logger.getLogger(TransportWarnings.class.getName());

  static {
    STREAM.setFilter(new TransportWarnings(System::nanoTime));
  }

  private final ThrottledWarning warning;

  TransportWarnings(LongSupplier nanoClock) {
    this.warning = new ThrottledWarning(logger, Level.WARNING, Duration.ofMinutes(1), nanoClock);
  }

  /** Puts the filter on grpc-java's stream logger; later calls do nothing. */
  static void install() {
    // Loading the class did it.
  }

  /** Counts the transport's record towards ARGUS's own warning; the record itself is dropped. */
  @Override
  public boolean isLoggable(LogRecord record) {
    Throwable thrown = record.getThrown();
    warning.warn(
        "gRPC call refused by the transport: "
            + (thrown == null ? record.getMessage() : thrown.getMessage()),
        null);
    return false;
  }
}
