package dev.argus.semconv.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the retrieved-context block that RAG applications paste into the system message or the user
 * message ("Context:" followed by passages, or a {@code <context>} element). Linear in the text
 * length.
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

  // The characters a NEXT_SECTION match can have after its blank line and indentation.
  private static final String SECTION_STARTS = "#uUqQtTiIaArR";

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
    String block = element(text);
    if (block != null) {
      return block.isEmpty() ? null : block;
    }
    int start = headerEnd(text);
    if (start < 0) {
      return null;
    }
    return stripped(text, start, nextSection(text, start));
  }

  /**
   * Returns the stripped content of the first context element, or null when there is none. As
   * {@code ELEMENT.matcher(text).find()}, but tried only where a {@code '<'} is: a case-blind
   * pattern is otherwise attempted at every character.
   */
  private static String element(String text) {
    Matcher element = null;
    for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
      element = element == null ? ELEMENT.matcher(text) : element;
      if (element.region(at, text.length()).lookingAt()) {
        return element.group(2).strip();
      }
    }
    return null;
  }

  /**
   * Returns where the first header line ends, or -1 when there is none. As {@code
   * HEADER.matcher(text).find()}, but tried only on lines holding a {@code ':'} or {@code '#'},
   * which every header has; region bounds fall on line breaks, where the pattern's anchors match
   * anyway.
   */
  private static int headerEnd(String text) {
    Matcher header = null;
    int length = text.length();
    for (int start = 0; start <= length; ) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? length : end;
      if (holdsMark(text, start, end)) {
        header = header == null ? HEADER.matcher(text) : header;
        if (header.region(start, end).find()) {
          return header.end();
        }
      }
      start = end + 1;
    }
    return -1;
  }

  /**
   * Returns where the first labelled section at or after {@code from} starts, or the text length
   * when there is none. As {@code NEXT_SECTION.matcher(text).find(from)}, but tried only at line
   * breaks followed by a blank line, where every match starts: a scan that tries the pattern at
   * every character costs several times more on long contexts.
   */
  private static int nextSection(String text, int from) {
    Matcher next = null;
    int length = text.length();
    for (int at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) {
      int after = skipBlanks(text, at + 1);
      if (after < length && text.charAt(after) == '\n' && mayStartSection(text, after + 1)) {
        next = next == null ? NEXT_SECTION.matcher(text) : next;
        if (next.region(at, length).lookingAt()) {
          return at;
        }
      }
    }
    return length;
  }

  /** As {@code text.substring(start, end).strip()} with one copy, or null when empty. */
  private static String stripped(String text, int start, int end) {
    while (start < end && Character.isWhitespace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && Character.isWhitespace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return start == end ? null : text.substring(start, end);
  }

  /**
   * Returns false when the line at {@code from} cannot open a labelled section: after blanks, every
   * match has a heading mark or the first letter of "user" or of a label. Contexts hold many
   * paragraphs, and this test spares the pattern at most of their blank lines.
   */
  private static boolean mayStartSection(String text, int from) {
    int first = skipBlanks(text, from);
    return first < text.length() && SECTION_STARTS.indexOf(text.charAt(first)) >= 0;
  }

  private static int skipBlanks(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean holdsMark(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == ':' || c == '#') {
        return true;
      }
    }
    return false;
  }
}
