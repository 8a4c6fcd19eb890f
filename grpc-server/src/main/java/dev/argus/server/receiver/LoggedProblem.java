package dev.argus.server.receiver;

import java.util.regex.Pattern;

/**
 * A problem found in a request, made fit for the service log. Descriptions from the parsers quote
 * the offending value ({@code Not an uint64 value: "jane@example.com"}, {@code Unrecognized token
 * 'jane'}), and a value may be personal data; the log keeps the position and the kind of problem
 * only. Quoted text is replaced by {@value #VALUE}, an unclosed quote hides the rest, and the
 * result holds no double quote or line break, so it sits safely inside {@code key="..."}.
 */
final class LoggedProblem {

  static final String VALUE = "<value>";
  // A JSON number as protobuf's messages show one: unquoted, right after "value: ".
  private static final Pattern BARE_NUMBER = Pattern.compile("(value: )-?[0-9][0-9.eE+-]*");

  private LoggedProblem() {}

  /** Returns {@code problem} without the values it quotes. */
  static String of(String problem) {
    problem = BARE_NUMBER.matcher(problem).replaceAll("$1" + VALUE);
    StringBuilder out = new StringBuilder(problem.length());
    int i = 0;
    while (i < problem.length()) {
      char c = problem.charAt(i);
      if (isQuote(c) && !isApostropheInWord(problem, i)) {
        int close = problem.indexOf(c, i + 1);
        out.append(VALUE);
        if (close < 0) {
          break;
        }
        i = close + 1;
        continue;
      }
      out.append(c == '\n' || c == '\r' ? ' ' : c);
      i++;
    }
    return out.toString();
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  // "isn't" quotes nothing: an apostrophe between two letters is part of the word.
  private static boolean isApostropheInWord(String text, int i) {
    return text.charAt(i) == '\''
        && i > 0
        && i + 1 < text.length()
        && Character.isLetter(text.charAt(i - 1))
        && Character.isLetter(text.charAt(i + 1));
  }
}
