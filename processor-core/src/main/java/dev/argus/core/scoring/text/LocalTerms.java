package dev.argus.core.scoring.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers distinct terms 0, 1, 2, ... for one scoring call, so that term sets and indexes are
 * plain arrays indexed by that number. A term's number is found by its {@link TokenList#termId
 * term id} in an array indexed by the id, so a lookup is one array read; the rare term without an
 * id (the bounded term table was full) is keyed by its string. Not thread-safe: a scorer keeps one
 * per thread and reuses it; clearing resets only the entries the call set.
 */
public final class LocalTerms {

  // Indexed by term id: the term's number plus one, 0 when it has none. Grows to cover the ids
  // seen, which are bounded by the term table's capacity.
  private int[] numberOfId = new int[1024];
  // The term id of each number (-1 for terms without an id), to undo the call's entries.
  private int[] idOfNumber = new int[256];
  private int size;
  private final Map<String, Integer> unnumbered = new HashMap<>();

  /** Creates an empty numbering. */
  public LocalTerms() {}

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
    return id < numberOfId.length ? numberOfId[id] - 1 : -1;
  }

  /** Returns the number of the term of {@code tokens.get(i)}, numbering it if new. */
  public int add(TokenList tokens, int i) {
    int id = tokens.termId(i);
    if (id < 0) {
      Integer number = unnumbered.get(tokens.get(i).term());
      if (number != null) {
        return number;
      }
      unnumbered.put(tokens.get(i).term(), size);
      return newNumber(-1);
    }
    if (id >= numberOfId.length) {
      numberOfId = Arrays.copyOf(numberOfId, Math.max(id + 1, 2 * numberOfId.length));
    }
    if (numberOfId[id] != 0) {
      return numberOfId[id] - 1;
    }
    numberOfId[id] = size + 1;
    return newNumber(id);
  }

  private int newNumber(int id) {
    if (size == idOfNumber.length) {
      idOfNumber = Arrays.copyOf(idOfNumber, 2 * size);
    }
    idOfNumber[size] = id;
    return size++;
  }

  /** Forgets every number given so far. */
  public void clear() {
    for (int number = 0; number < size; number++) {
      int id = idOfNumber[number];
      if (id >= 0) {
        numberOfId[id] = 0;
      }
    }
    size = 0;
    unnumbered.clear();
  }
}
