package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.TokenList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the distinct terms of the checked text 0, 1, 2, ... for one call, so that the context
 * index and the question's term set are plain arrays indexed by that number. Terms are keyed by
 * their term id in an open-addressing table of ints; the rare term without an id (the bounded
 * term table was full) is keyed by its string. One instance per thread is reused: clearing it
 * bumps a generation instead of wiping the table.
 */
final class LocalTerms {

  private static final int INITIAL_CAPACITY = 256;
  // A table grown past this for one huge text is dropped at the next call rather than kept.
  private static final int MAX_KEPT_CAPACITY = 1 << 14;
  private static final ThreadLocal<LocalTerms> PER_THREAD =
      ThreadLocal.withInitial(LocalTerms::new);

  private int[] keys;
  private int[] values;
  // A slot is in use when its stamp equals the current generation.
  private int[] stamps;
  private int shift;
  private int generation;
  private int size;
  private final Map<String, Integer> unnumbered = new HashMap<>();

  private LocalTerms() {
    allocate(INITIAL_CAPACITY);
  }

  /** Returns this thread's instance, emptied. Valid until the next call on the same thread. */
  static LocalTerms cleared() {
    LocalTerms terms = PER_THREAD.get();
    terms.clear();
    return terms;
  }

  /** Returns how many distinct terms are numbered; their numbers are 0 to {@code size() - 1}. */
  int size() {
    return size;
  }

  /** Numbers the terms of all {@code tokens} and returns each token's number. */
  int[] addAll(TokenList tokens) {
    int[] numbers = new int[tokens.size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = add(tokens, i);
    }
    return numbers;
  }

  /** Returns the number of the term of {@code tokens[i]}, or -1 when it has none. */
  int find(TokenList tokens, int i) {
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

  private int add(TokenList tokens, int i) {
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

  private void clear() {
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
