package dev.argus.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The records a logger publishes while this is open, for tests that check what ARGUS logs.
 * Filters on the logger apply first, as they do for the service's own handlers.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLog(Logger logger) {
    this.logger = logger;
    logger.addHandler(this);
  }

  /** Starts capturing what the logger named {@code name} (and its children) publishes. */
  public static CapturedLog of(String name) {
    return new CapturedLog(Logger.getLogger(name));
  }

  /** Starts capturing what {@code logger} publishes. */
  public static CapturedLog of(Logger logger) {
    return new CapturedLog(logger);
  }

  /** Returns the records published so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Returns the raw messages of the records published so far. */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  /** Stops capturing. */
  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
