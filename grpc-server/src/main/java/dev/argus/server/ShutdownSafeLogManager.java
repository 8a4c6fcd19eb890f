package dev.argus.server;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps its handlers open while shutdown hooks run. The JDK's manager
 * closes all handlers in a shutdown hook of its own, which races with ours and swallows the lines
 * logged while ARGUS drains and stops. Installed by {@link ArgusMain} through the {@code
 * java.util.logging.manager} system property.
 */
public final class ShutdownSafeLogManager extends LogManager {

  /** Creates the manager; called by the JDK. */
  public ShutdownSafeLogManager() {}

  @Override
  public void reset() {
    // The JDK calls this from its shutdown hook; handlers are flushed by ArgusMain instead.
  }

  /** Closes all handlers, once ARGUS has logged its last line. */
  void shutdown() {
    super.reset();
  }
}
