package dev.argus.semconv.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins text parts with newlines. Most messages have a single part, which is returned as it came;
 * several are joined once at the end, into a string of the exact length: prompts and contexts run
 * to kilobytes, and a growing builder would copy them again and again.
 */
final class TextParts {
  private String first;
  private List<String> all;

  /** Appends {@code part}, after a newline unless it is the first. */
  TextParts add(String part) {
    if (first == null) {
      first = part;
    } else {
      if (all == null) {
        all = new ArrayList<>(4);
        all.add(first);
      }
      all.add(part);
    }
    return this;
  }

  /** Returns the parts joined by newlines; empty when there is none. */
  String text() {
    if (all != null) {
      return String.join("\n", all);
    }
    return first == null ? "" : first;
  }
}
