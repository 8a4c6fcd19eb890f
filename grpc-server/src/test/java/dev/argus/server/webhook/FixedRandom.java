package dev.argus.server.webhook;

import java.util.random.RandomGenerator;

/** A "random" source that always draws the same double. */
final class FixedRandom implements RandomGenerator {

  private final double value;

  FixedRandom(double value) {
    this.value = value;
  }

  @Override
  public long nextLong() {
    return Double.doubleToLongBits(value);
  }

  @Override
  public double nextDouble() {
    return value;
  }
}
