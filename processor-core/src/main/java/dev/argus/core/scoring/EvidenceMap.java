package dev.argus.core.scoring;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable copy of a small evidence map, in the source map's iteration order. A score
 * carries a handful of entries that are written out once and rarely looked up, so keys and values
 * sit in one array and a lookup scans it; copying is one pass with no hashing, where {@link
 * Map#copyOf} builds a hash table. Like the maps of {@link Map#of}, it rejects null keys and values
 * and every change; equality and hash code are those of any {@link Map}.
 */
final class EvidenceMap extends AbstractMap<String, Object> {

  // Key, value, key, value, ...
  private final Object[] pairs;

  private EvidenceMap(Object[] pairs) {
    this.pairs = pairs;
  }

  /**
   * Returns {@code evidence} itself when it is already such a copy, else an unmodifiable copy of
   * it; throws NullPointerException when a key or value is null.
   */
  static Map<String, Object> copyOf(Map<String, Object> evidence) {
    if (evidence instanceof EvidenceMap) {
      return evidence;
    }
    Object[] pairs = new Object[2 * evidence.size()];
    int at = 0;
    for (Map.Entry<String, Object> entry : evidence.entrySet()) {
      pairs[at++] = Objects.requireNonNull(entry.getKey(), "evidence key");
      pairs[at++] = Objects.requireNonNull(entry.getValue(), "evidence value");
    }
    return new EvidenceMap(pairs);
  }

  @Override
  public int size() {
    return pairs.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : pairs[at + 1];
  }

  private int indexOf(Object key) {
    Objects.requireNonNull(key, "key");
    for (int at = 0; at < pairs.length; at += 2) {
      if (pairs[at].equals(key)) {
        return at;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return pairs.length / 2;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int at;

          @Override
          public boolean hasNext() {
            return at < pairs.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (at >= pairs.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, Object> entry = Map.entry((String) pairs[at], pairs[at + 1]);
            at += 2;
            return entry;
          }
        };
      }
    };
  }

  // The inherited mutators reach the entry set, whose iterator cannot remove; these fail even
  // when there is nothing to change, as the maps of Map.of do.
  @Override
  public Object put(String key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putAll(Map<? extends String, ?> map) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }
}
