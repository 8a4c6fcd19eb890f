package dev.argus.semconv.extract;

import java.util.Locale;
import java.util.Set;

/** Recognises the placeholders producers write instead of content they chose not to record. */
final class ContentMarkers {

  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "__redacted__",
          "[redacted]",
          "<redacted>",
          "redacted",
          "filtered",
          "[filtered]",
          "[hidden]",
          "<hidden>",
          "[content omitted]",
          "<content omitted>");

  private ContentMarkers() {}

  /** Returns true when {@code text} is a redaction placeholder rather than real content. */
  static boolean isPlaceholder(String text) {
    if (text == null || text.length() > 40) {
      return false;
    }
    String key = text.trim().toLowerCase(Locale.ROOT);
    return PLACEHOLDERS.contains(key) || key.startsWith("[scrubbed");
  }
}
