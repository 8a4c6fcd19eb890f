package dev.argus.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one logger logs at WARNING and above (or a level given) while open. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Starts capturing the logger named after {@code source}. */
  public LogCapture(Class<?> source) {
    this(source.getName());
  }

  /** Starts capturing the logger named {@code name}, and with it the loggers below it. */
  public LogCapture(String name) {
    this(Logger.getLogger(name));
  }

  /** Starts capturing as {@link #LogCapture(String)} does, at {@code level} and above. */
  public LogCapture(String name, Level level) {
    this(Logger.getLogger(name));
    setLevel(level);
  }

  /** Starts capturing {@code logger}; filters on it apply first, as for the service's handlers. */
  public LogCapture(Logger logger) {
    this.logger = logger;
    setLevel(Level.WARNING);
    logger.addHandler(this);
  }

  /** Returns the records captured so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Returns the messages captured so far. */
  public List<String> messages() {
    return records.stream().map(LogRecord::getMessage).toList();
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
