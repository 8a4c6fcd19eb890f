package dev.argus.server.export;

import java.time.Duration;

/** Waits between attempts; injected so that retry tests run instantly on a fake clock. */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException when the wait was cut short because the service is stopping
   */
  void sleep(Duration duration) throws InterruptedException;
}
