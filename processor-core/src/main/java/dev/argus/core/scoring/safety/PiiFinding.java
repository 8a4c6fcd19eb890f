package dev.argus.core.scoring.safety;

/**
 * One piece of personal data found in a text. Only the position is kept, so the value cannot leak
 * through evidence or logs; callers that own the text may cut it out themselves.
 *
 * @param kind what was found
 * @param start offset of the first character
 * @param end offset after the last character
 */
public record PiiFinding(PiiKind kind, int start, int end) {

  /** Returns the matched text of {@code source}. */
  public String in(String source) {
    return source.substring(start, end);
  }
}
