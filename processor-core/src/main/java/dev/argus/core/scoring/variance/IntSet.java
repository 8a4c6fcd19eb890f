package dev.argus.core.scoring.variance;

import java.util.Arrays;

/**
 * A set of {@code int} values (hashes), open-addressed and at most half full, that also keeps its
 * values in the order they were first added. Membership costs one probe on average and building it
 * needs no sort. Not thread-safe: built and read by one scoring call.
 */
final class IntSet {

  private final int[] slots;
  private final boolean[] used;
  private final int mask;
  private final int[] values;
  private int size;

  /** Creates an empty set for at most {@code maxSize} distinct values. */
  IntSet(int maxSize) {
    int capacity = Integer.highestOneBit(Math.max(2, maxSize) * 2 - 1) << 1;
    slots = new int[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
    values = new int[maxSize];
  }

  /** Adds {@code value}; returns false when it was present already. */
  boolean add(int value) {
    int slot = index(value);
    while (used[slot]) {
      if (slots[slot] == value) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    used[slot] = true;
    slots[slot] = value;
    values[size++] = value;
    return true;
  }

  /** Returns true when {@code value} is in the set. */
  boolean contains(int value) {
    for (int slot = index(value); used[slot]; slot = (slot + 1) & mask) {
      if (slots[slot] == value) {
        return true;
      }
    }
    return false;
  }

  /** Returns the number of distinct values. */
  int size() {
    return size;
  }

  /** Returns the distinct values in the order they were first added. */
  int[] toArray() {
    return Arrays.copyOf(values, size);
  }

  private int index(int value) {
    return (value * 0x9E3779B9 >>> 16) & mask;
  }
}
