package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.TokenList;
import java.util.Arrays;

/**
 * The {@link TokenList#termKey keys} of the checked text's terms that a function word may also
 * have ({@link StopTerms}). A function word of the context can match a wanted term only when its
 * key is one of these, which is rare: the context's function words, about half its tokens, are
 * then settled by comparing a key with the few held here instead of a table lookup.
 */
final class FunctionWordKeys {

  private long[] keys = new long[4];
  private int size;

  /** Adds the key of a wanted term that a function word may have. */
  void add(long key) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, 2 * size);
    }
    keys[size++] = key;
  }

  /** Returns true when a function word whose term has key {@code key} may be a wanted term. */
  boolean mayMatch(long key) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        return true;
      }
    }
    return false;
  }
}
