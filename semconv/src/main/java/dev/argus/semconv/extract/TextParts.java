package dev.argus.semconv.extract;

/**
 * Joins text parts with newlines. Most messages have a single part, which is returned as it
 * came instead of being copied through a builder: prompts and contexts run to kilobytes.
 */
final class TextParts {
  private String first;
  private StringBuilder joined;

  /** Appends {@code part}, after a newline unless it is the first. */
  TextParts add(String part) {
    if (first == null) {
      first = part;
    } else {
      if (joined == null) {
        joined = new StringBuilder(first.length() + 1 + part.length()).append(first);
      }
      joined.append('\n').append(part);
    }
    return this;
  }

  /** Returns true when no part was added. */
  boolean isEmpty() {
    return first == null;
  }

  /** Returns the parts joined by newlines; empty when there is none. */
  String text() {
    if (joined != null) {
      return joined.toString();
    }
    return first == null ? "" : first;
  }
}
