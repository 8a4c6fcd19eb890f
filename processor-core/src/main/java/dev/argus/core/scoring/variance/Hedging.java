package dev.argus.core.scoring.variance;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.WordSet;
import java.util.Set;

/** Counts hedges ("might", "I think", "not sure") that signal low confidence in an answer. */
final class Hedging {

  private static final WordSet HEDGE_WORDS =
      WordSet.of(
          "might",
          "maybe",
          "perhaps",
          "possibly",
          "probably",
          "likely",
          "unlikely",
          "presumably",
          "apparently",
          "seemingly",
          "roughly",
          "approximately",
          "around",
          "somewhat",
          "unclear",
          "uncertain",
          "unsure",
          "guess",
          "suppose",
          "assume",
          "believe",
          "think",
          "seems",
          "seem",
          "appears",
          "could",
          "may",
          "generally",
          "typically",
          "usually",
          "arguably",
          "depends",
          "possible",
          "conceivably",
          "allegedly",
          "reportedly");
  private static final WordSet SURE = WordSet.of("sure", "certain");
  private static final Set<String> FIRST_PERSON = Lexicon.words("i", "i'm", "we");
  private static final Set<String> WEAK_ALONE =
      Lexicon.words(
          "could",
          "may",
          "around",
          "generally",
          "typically",
          "usually",
          "likely",
          "possible",
          "think",
          "believe",
          "seems",
          "seem",
          "appears",
          "assume",
          "suppose",
          "guess");

  private Hedging() {}

  /**
   * Returns the number of hedges in {@code tokens}. Words that are only hedges after "I" ("I
   * think", "I guess") count when so preceded; "not sure" and "not certain" always count.
   */
  static int count(TokenList tokens) {
    int hedges = 0;
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.text(i);
      boolean sure = SURE.contains(word);
      if (!sure && !HEDGE_WORDS.contains(word)) {
        continue;
      }
      String previous = i > 0 ? tokens.text(i - 1) : "";
      if (sure && ("not".equals(previous) || "unsure".equals(previous))) {
        hedges += 2;
      } else if (HEDGE_WORDS.contains(word)) {
        if (!WEAK_ALONE.contains(word) || FIRST_PERSON.contains(previous)) {
          hedges += FIRST_PERSON.contains(previous) ? 2 : 1;
        } else {
          hedges += 0;
        }
      }
    }
    return hedges;
  }
}
