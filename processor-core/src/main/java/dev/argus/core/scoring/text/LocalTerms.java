package dev.argus.core.scoring.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers distinct terms 0, 1, 2, ... for one scoring call, so that term sets and indexes are
 * plain arrays indexed by that number. Terms are keyed by their {@link TokenList#termId term id}
 * in an open-addressing table of ints; the rare term without an id (the bounded term table was
 * full) is keyed by its string. Not thread-safe: a scorer keeps one per thread and reuses it, and
 * clearing bumps a generation instead of wiping the table.
 */
public final class LocalTerms {

  private static final int INITIAL_CAPACITY = 256;
  // A table grown past this for one huge text is dropped at the next call rather than kept.
  private static final int MAX_KEPT_CAPACITY = 1 << 14;
  private int[] keys;
  private int[] values;
  // A slot is in use when its stamp equals the current generation.
  private int[] stamps;
  private int shift;
  private int generation;
  private int size;
  private final Map<String, Integer> unnumbered = new HashMap<>();

  /** Creates an empty numbering. */
  public LocalTerms() {
    allocate(INITIAL_CAPACITY);
  }

  /** Returns how many distinct terms are numbered; their numbers are 0 to {@code size() - 1}. */
  public int size() {
    return size;
  }

  /** Numbers the terms of all {@code tokens} and returns each token's number. */
  public int[] addAll(TokenList tokens) {
    int[] numbers = new int[tokens.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = add(tokens, i);
    }
    return numbers;
  }

  /** Returns the number of the term of {@code tokens.get(i)}, or -1 when it has none. */
  public int find(TokenList tokens, int i) {
    int id = tokens.termId(i);
    if (id < 0) {
      Integer number = unnumbered.get(tokens.get(i).term());
      return number == null ? -1 : number;
    }
    int mask = keys.length - 1;
    for (int slot = slot(id); stamps[slot] == generation; slot = (slot + 1) & mask) {
      if (keys[slot] == id) {
        return values[slot];
      }
    }
    return -1;
  }

  /** Returns the number of the term of {@code tokens.get(i)}, numbering it if new. */
  public int add(TokenList tokens, int i) {
    int id = tokens.termId(i);
    if (id < 0) {
      return unnumbered.computeIfAbsent(tokens.get(i).term(), unused -> size++);
    }
    int mask = keys.length - 1;
    int slot = slot(id);
    while (stamps[slot] == generation) {
      if (keys[slot] == id) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    stamps[slot] = generation;
    keys[slot] = id;
    values[slot] = size;
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    return size++;
  }

  // Fibonacci hashing spreads the dense, sequential ids over the table.
  private int slot(int id) {
    return (id * 0x9E3779B9) >>> shift;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    int[] oldStamps = stamps;
    int oldGeneration = generation;
    allocate(keys.length * 2);
    int mask = keys.length - 1;
    for (int old = 0; old < oldKeys.length; old++) {
      if (oldStamps[old] != oldGeneration) {
        continue;
      }
      int slot = slot(oldKeys[old]);
      while (stamps[slot] == generation) {
        slot = (slot + 1) & mask;
      }
      stamps[slot] = generation;
      keys[slot] = oldKeys[old];
      values[slot] = oldValues[old];
    }
  }

  /** Forgets every number given so far. */
  public void clear() {
    size = 0;
    unnumbered.clear();
    if (keys.length > MAX_KEPT_CAPACITY) {
      allocate(INITIAL_CAPACITY);
      return;
    }
    generation++;
    // After 2^32 calls the generation wraps: wipe the stamps so no stale slot looks current.
    if (generation == 0) {
      Arrays.fill(stamps, 0);
      generation = 1;
    }
  }

  private void allocate(int capacity) {
    keys = new int[capacity];
    values = new int[capacity];
    stamps = new int[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    generation = 1;
  }
}
