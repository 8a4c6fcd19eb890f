package dev.argus.core.correction;

/**
 * Replaces personal data in text with placeholders naming its kind, such as {@code [EMAIL]}.
 * Implementations are thread-safe and run in time linear in the text length.
 */
public interface PiiMasker {

  /** Returns {@code text} with every detected piece of personal data replaced; never null. */
  String mask(String text);
}
