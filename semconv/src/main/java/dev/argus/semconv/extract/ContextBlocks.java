package dev.argus.semconv.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the retrieved-context block that RAG applications paste into the system message or the
 * user message ("Context:" followed by passages, or a {@code <context>} element). Linear in the
 * text length.
 */
final class ContextBlocks {

  private static final String NAME =
      "(?:retrieved[ \\t]+)?(?:context|documents|passages|sources|knowledge(?:[ \\t]+base)?)";

  // A header line of its own, marked by a colon or a heading: "Context:", "## Documents".
  private static final Pattern HEADER =
      Pattern.compile(
          "(?im)^[ \\t]*(?:#{1,6}[ \\t]*" + NAME + "[ \\t]*:?|" + NAME + "[ \\t]*:)[ \\t]*$");

  // A later labelled section ends the block: a blank line, then "Question:", "Query:", ...
  private static final Pattern NEXT_SECTION =
      Pattern.compile(
          "(?im)\\n[ \\t]*\\n[ \\t]*(?:#{1,6}[ \\t]*)?"
              + "(?:user[ \\t]+)?(?:question|query|task|instructions?|answer|request)[ \\t]*:");

  private static final Pattern ELEMENT =
      Pattern.compile("(?is)<(context|documents|sources)>(.*?)</\\1>");

  private ContextBlocks() {}

  /** Returns the context block inside {@code text}, trimmed, or null when there is none. */
  static String find(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0 && text.indexOf('<') < 0 && text.indexOf('#') < 0) {
      // No header, heading or element can be present: skip the regular expressions.
      return null;
    }
    Matcher element = ELEMENT.matcher(text);
    if (element.find()) {
      String block = element.group(2).strip();
      return block.isEmpty() ? null : block;
    }
    Matcher header = HEADER.matcher(text);
    if (!header.find()) {
      return null;
    }
    int start = header.end();
    Matcher next = NEXT_SECTION.matcher(text);
    int end = next.find(start) ? next.start() : text.length();
    String block = text.substring(start, end).strip();
    return block.isEmpty() ? null : block;
  }
}
