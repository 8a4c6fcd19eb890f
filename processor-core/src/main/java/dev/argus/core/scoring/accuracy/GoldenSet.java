package dev.argus.core.scoring.accuracy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reference answers keyed by prompt. Prompts are matched after normalisation: lower case, runs of
 * anything but letters and digits collapsed to one space, trimmed. Immutable.
 */
public final class GoldenSet {

  /** A golden set with no entries. */
  public static final GoldenSet EMPTY = new GoldenSet(Map.of());

  private final Map<String, String> answers;

  private GoldenSet(Map<String, String> answers) {
    this.answers = answers;
  }

  /** Returns a golden set holding {@code answersByPrompt}. */
  public static GoldenSet of(Map<String, String> answersByPrompt) {
    Map<String, String> normalised = new HashMap<>();
    answersByPrompt.forEach((prompt, answer) -> normalised.put(normalise(prompt), answer));
    return new GoldenSet(Map.copyOf(normalised));
  }

  /** Returns the reference answer for {@code prompt}, or null. */
  public String answerFor(String prompt) {
    return answers.isEmpty() ? null : answers.get(normalise(prompt));
  }

  /** Returns the number of entries. */
  public int size() {
    return answers.size();
  }

  static String normalise(String prompt) {
    StringBuilder out = new StringBuilder(prompt.length());
    boolean space = false;
    for (int i = 0; i < prompt.length(); i++) {
      char c = prompt.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        out.append(c);
        space = false;
      } else {
        space = true;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
