package dev.argus.core.scoring.text;

import java.util.List;
import java.util.Locale;

/** Recognises answers in which the model declines to help. */
public final class Refusals {

  private static final List<String> OPENINGS =
      List.of(
          "i'm sorry",
          "i am sorry",
          "sorry, ",
          "i can't",
          "i cannot",
          "i can not",
          "i won't",
          "i will not",
          "i'm unable",
          "i am unable",
          "i'm not able",
          "i am not able",
          "unfortunately, i can",
          "as an ai",
          "i must decline",
          "i'm not going to");
  private static final List<String> MARKERS =
      List.of(
          "can't help",
          "cannot help",
          "can't assist",
          "cannot assist",
          "unable to help",
          "unable to assist",
          "can't provide",
          "cannot provide",
          "won't be able to help",
          "not able to help",
          "can't comply",
          "cannot comply",
          "not in the context",
          "don't know",
          "do not know",
          "no information");

  private Refusals() {}

  /** Returns true when {@code completion} is a refusal (short and opens or reads like one). */
  public static boolean isRefusal(String completion) {
    String head = completion.strip();
    if (head.isEmpty() || head.length() > 400) {
      return false;
    }
    String lower = head.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    boolean opening = false;
    for (String prefix : OPENINGS) {
      if (lower.startsWith(prefix)) {
        opening = true;
        break;
      }
    }
    for (String marker : MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return opening && lower.length() < 200;
  }
}
