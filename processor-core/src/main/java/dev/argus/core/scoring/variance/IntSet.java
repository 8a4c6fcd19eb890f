package dev.argus.core.scoring.variance;

import java.util.Arrays;

/**
 * A set of {@code int} values (hashes), open-addressed and at most half full, that also keeps its
 * values in the order they were first added. Membership costs one probe on average and building it
 * needs no sort. It starts at the size it is told to expect, or small, and doubles as it fills. Not
 * thread-safe: built and read by one scoring call.
 */
final class IntSet {

  private static final int INITIAL_CAPACITY = 32;

  // 0 marks a free slot, so a probe reads one array; the value 0 is kept aside.
  private int[] slots;
  private boolean hasZero;
  private int mask;
  private int[] values;
  private int size;

  /** Creates a set that grows as it fills. */
  IntSet() {
    this(INITIAL_CAPACITY / 2);
  }

  /**
   * Creates a set that holds {@code expected} values without growing: a caller that knows its bound
   * skips the doublings, each of which re-inserts every value.
   */
  IntSet(int expected) {
    if (expected < 1) {
      throw new IllegalArgumentException("expected must be positive: " + expected);
    }
    // At most half full: the values array, which triggers growth when full, is half the table.
    int capacity = Math.max(INITIAL_CAPACITY, Integer.highestOneBit(2 * expected - 1) << 1);
    slots = new int[capacity];
    mask = capacity - 1;
    values = new int[capacity / 2];
  }

  /** Adds {@code value}; returns false when it was present already. */
  boolean add(int value) {
    if (value == 0) {
      return !hasZero && addZero();
    }
    int slot = index(value);
    while (slots[slot] != 0) {
      if (slots[slot] == value) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    if (size == values.length) {
      grow();
      return add(value);
    }
    slots[slot] = value;
    values[size++] = value;
    return true;
  }

  private boolean addZero() {
    if (size == values.length) {
      grow();
    }
    hasZero = true;
    values[size++] = 0;
    return true;
  }

  /** Returns true when {@code value} is in the set. */
  boolean contains(int value) {
    if (value == 0) {
      return hasZero;
    }
    for (int slot = index(value); slots[slot] != 0; slot = (slot + 1) & mask) {
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

  // Doubles the table and re-inserts the values in their order; `values` stays half the table.
  private void grow() {
    int capacity = slots.length * 2;
    slots = new int[capacity];
    mask = capacity - 1;
    int[] kept = values;
    values = new int[capacity / 2];
    size = 0;
    hasZero = false;
    for (int value : kept) {
      add(value);
    }
  }

  private int index(int value) {
    return (value * 0x9E3779B9 >>> 16) & mask;
  }
}
