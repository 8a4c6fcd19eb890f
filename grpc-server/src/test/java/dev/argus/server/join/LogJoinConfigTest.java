package dev.argus.server.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogJoinConfigTest {
  private static final long MIB = 1024L * 1024;

  @Test
  void theDefaultBoundIsASixteenthOfTheHeap() {
    assertEquals(16 * MIB, LogJoinConfig.defaultMaxBytes(256 * MIB));
    assertEquals(32 * MIB, LogJoinConfig.defaultMaxBytes(512 * MIB));
  }

  @Test
  void theDefaultBoundStopsAt64MibOnLargeHeaps() {
    assertEquals(64 * MIB, LogJoinConfig.defaultMaxBytes(4096 * MIB));
    assertEquals(64 * MIB, LogJoinConfig.defaultMaxBytes(Long.MAX_VALUE));
  }

  @Test
  void theDefaultBoundIsAtLeastOneMibOnTinyHeaps() {
    assertEquals(MIB, LogJoinConfig.defaultMaxBytes(8 * MIB));
  }

  @Test
  void defaultsFollowTheHeapOfThisJvm() {
    long expected = LogJoinConfig.defaultMaxBytes(Runtime.getRuntime().maxMemory());
    LogJoinConfig defaults = LogJoinConfig.defaults();

    assertEquals(expected, defaults.maxHeldBytes());
    assertEquals(expected, defaults.maxRecordBytes());
  }
}
