package dev.argus.core.scoring.text;

import java.util.Arrays;

/**
 * Numbers distinct terms 0, 1, 2, ... for one scoring call, so that term sets and indexes are plain
 * arrays indexed by that number. A term's number is found by its {@link TokenList#termKey term key}
 * in a small open-addressing table of the call's own terms, so nothing global grows with the
 * traffic; a hashed key is confirmed by comparing the terms. Not thread-safe: a scorer keeps one
 * per thread and reuses it; clearing resets only the slots the call used.
 */
public final class LocalTerms {

  private static final int FILTER_WORDS = 64;
  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  // Open addressing over term keys; a slot is free when its number is -1.
  private long[] keys = new long[256];
  private int[] numbers = filled(256);
  private String[] terms = new String[256];
  // The slot of each number, to undo the call's entries.
  private int[] slotOfNumber = new int[128];
  private int size;
  // One bit per key hash: most lookups are of terms the call does not have (context words that
  // the answer never uses), and a clear bit rejects them before any probing.
  private final long[] filter = new long[FILTER_WORDS];

  /** Creates an empty numbering. */
  public LocalTerms() {}

  /** Returns how many distinct terms are numbered; their numbers are 0 to {@code size() - 1}. */
  public int size() {
    return size;
  }

  /** Numbers the terms of all {@code tokens} and returns each token's number. */
  public int[] addAll(TokenList tokens) {
    int[] numbered = new int[tokens.size()];
    for (int i = 0; i < numbered.length; i++) {
      numbered[i] = add(tokens, i);
    }
    return numbered;
  }

  /** Returns the number of the term of {@code tokens.get(i)}, or -1 when it has none. */
  public int find(TokenList tokens, int i) {
    if (size == 0) {
      return -1;
    }
    long key = tokens.termKey(i);
    if ((filter[filterWord(key)] & filterBit(key)) == 0) {
      return -1;
    }
    int mask = keys.length - 1;
    for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
      int number = numbers[slot];
      if (number < 0) {
        return -1;
      }
      if (keys[slot] == key && (TokenList.isExactKey(key) || terms[slot].equals(tokens.term(i)))) {
        return number;
      }
    }
  }

  /** Returns the number of the term of {@code tokens.get(i)}, numbering it if new. */
  public int add(TokenList tokens, int i) {
    long key = tokens.termKey(i);
    int mask = keys.length - 1;
    int slot = slot(key, mask);
    for (; ; slot = (slot + 1) & mask) {
      int number = numbers[slot];
      if (number < 0) {
        break;
      }
      if (keys[slot] == key && (TokenList.isExactKey(key) || terms[slot].equals(tokens.term(i)))) {
        return number;
      }
    }
    keys[slot] = key;
    numbers[slot] = size;
    terms[slot] = tokens.term(i);
    filter[filterWord(key)] |= filterBit(key);
    if (size == slotOfNumber.length) {
      slotOfNumber = Arrays.copyOf(slotOfNumber, 2 * size);
    }
    slotOfNumber[size] = slot;
    size++;
    // At most half full, so probe runs stay short and a free slot always ends them.
    if (2 * size > keys.length) {
      grow();
    }
    return size - 1;
  }

  private void grow() {
    long[] oldKeys = keys;
    String[] oldTerms = terms;
    int[] oldSlots = Arrays.copyOf(slotOfNumber, size);
    keys = new long[2 * oldKeys.length];
    numbers = filled(keys.length);
    terms = new String[keys.length];
    int mask = keys.length - 1;
    for (int number = 0; number < size; number++) {
      int old = oldSlots[number];
      int slot = slot(oldKeys[old], mask);
      while (numbers[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = oldKeys[old];
      numbers[slot] = number;
      terms[slot] = oldTerms[old];
      slotOfNumber[number] = slot;
    }
  }

  /** Forgets every number given so far. */
  public void clear() {
    for (int number = 0; number < size; number++) {
      int slot = slotOfNumber[number];
      numbers[slot] = -1;
      terms[slot] = null;
    }
    Arrays.fill(filter, 0);
    size = 0;
  }

  // Fibonacci hashing: the top bits of the product depend on every bit of the key.
  private static int slot(long key, int mask) {
    return (int) ((key * GOLDEN) >>> 40) & mask;
  }

  // The filter takes the top 12 bits of the same product, above those the slot uses in tables
  // of up to 4,096 slots: the word from the top 6, the bit within it from the next 6.
  private static int filterWord(long key) {
    return (int) ((key * GOLDEN) >>> 58);
  }

  private static long filterBit(long key) {
    return 1L << ((key * GOLDEN) >>> 52);
  }

  private static int[] filled(int length) {
    int[] array = new int[length];
    Arrays.fill(array, -1);
    return array;
  }
}
