package dev.argus.core.scoring.text;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dense int ids of terms (stems and canonical numbers), so scorers can compare and index terms as
 * ints instead of hashing strings. An id is given once, the first time a term is seen, and never
 * changes. The table is bounded: once {@link #MAX_TERMS} terms have ids (words, and numbers, which
 * may be one-off figures), new terms get {@code -1} for good and callers compare their strings
 * instead.
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
    if (id == null) {
      // Decided under the map's lock for this term, so a term never gets -1 from one caller and an
      // id from another: once the ids run out no new term is added. Racing threads may give a few
      // ids past the limit, which only lets the table end a little fuller.
      id = IDS.computeIfAbsent(term, Terms::nextId);
    }
    return id == null ? -1 : id;
  }

  // A fresh id, or null (nothing stored) once the ids have run out.
  private static Integer nextId(String unused) {
    return NEXT.get() < MAX_TERMS ? NEXT.getAndIncrement() : null;
  }
}
