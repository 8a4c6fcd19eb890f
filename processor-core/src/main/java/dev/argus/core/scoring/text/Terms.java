package dev.argus.core.scoring.text;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dense int ids of terms (stems and canonical numbers), so scorers can compare and index terms as
 * ints instead of hashing strings. An id is given once, the first time a term is seen, and never
 * changes. The table is bounded: once {@link #MAX_TERMS} terms have ids, new terms get {@code -1}
 * and callers compare their strings instead.
 */
final class Terms {

  /** Most terms given an id; beyond it the table stops growing. */
  static final int MAX_TERMS = 1 << 17;

  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private Terms() {}

  /** Returns the id of {@code term}, giving it one on first sight, or -1 when the table is full. */
  static int id(String term) {
    Integer id = IDS.get(term);
    if (id != null) {
      return id;
    }
    // Racing threads may each pass this check: the table then ends a few entries fuller.
    if (NEXT.get() >= MAX_TERMS) {
      return -1;
    }
    return IDS.computeIfAbsent(term, unused -> NEXT.getAndIncrement());
  }
}
