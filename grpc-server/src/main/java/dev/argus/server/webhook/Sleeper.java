package dev.argus.server.webhook;

import java.time.Duration;

/** Waits; injected so retry tests run instantly against a fake clock. */
@FunctionalInterface
interface Sleeper {

  /** The real sleeper. */
  Sleeper SYSTEM = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

  /** Blocks for {@code duration}; throws when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
