package dev.argus.core.scoring.safety;

import static dev.argus.core.scoring.safety.ToxicityLexicon.DEATH_WISH;
import static dev.argus.core.scoring.safety.ToxicityLexicon.NAMING_VERB;
import static dev.argus.core.scoring.safety.ToxicityLexicon.SPEAKER;
import static dev.argus.core.scoring.safety.ToxicityLexicon.STOP_VERB;
import static dev.argus.core.scoring.safety.ToxicityLexicon.TARGET;
import static dev.argus.core.scoring.safety.ToxicityLexicon.VIOLENT;
import static dev.argus.core.scoring.safety.ToxicityLexicon.WISH_OPENER;
import static dev.argus.core.scoring.safety.ToxicityLexicon.WORDS;

import dev.argus.core.scoring.text.TokenList;

/**
 * Decides from a word's neighbours what a single word cannot tell: whether a violent verb or a
 * death wish is a threat aimed at a person, and whether an insult is only mentioned to forbid it.
 * Each rule looks a few tokens either way, so rating stays linear in the text. Stateless.
 */
final class ToxicityContext {

  private ToxicityContext() {}

  /**
   * Returns true when token {@code i}, with {@link ToxicityLexicon#WORDS} flags {@code flags}, is a
   * threat: a violent verb after a speaker ("I", "we", "gonna") with a person as its object, or a
   * death wish after an opener ("go", "hope") aimed at a person.
   */
  static boolean isThreat(TokenList tokens, int i, int flags) {
    if ((flags & DEATH_WISH) != 0) {
      return hasBefore(tokens, i, 3, WISH_OPENER) && hasBefore(tokens, i, 4, TARGET);
    }
    if ((flags & VIOLENT) == 0) {
      return false;
    }
    return hasBefore(tokens, i, 3, SPEAKER) && hasAfter(tokens, i, 2, TARGET);
  }

  /**
   * Returns true when the insult at token {@code i} is mentioned to forbid it: "Please don't call
   * anyone an idiot", "stop calling people morons" put a negated naming verb a few words before it.
   * "Don't call me an idiot" still counts.
   */
  static boolean isAdmonished(TokenList tokens, int i) {
    for (int j = i - 1; j >= Math.max(1, i - 4); j--) {
      if (!has(tokens, j, NAMING_VERB)) {
        continue;
      }
      for (int k = j + 1; k < i; k++) {
        String word = tokens.text(k);
        if (word.equals("me") || word.equals("us")) {
          return false;
        }
      }
      for (int k = j - 1; k >= Math.max(0, j - 2); k--) {
        if (tokens.isNegation(k) || has(tokens, k, STOP_VERB)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  private static boolean has(TokenList tokens, int i, int flag) {
    return (WORDS.of(tokens, i) & flag) != 0;
  }

  private static boolean hasBefore(TokenList tokens, int i, int window, int flag) {
    for (int j = Math.max(0, i - window); j < i; j++) {
      if (has(tokens, j, flag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAfter(TokenList tokens, int i, int window, int flag) {
    for (int j = i + 1; j <= Math.min(tokens.size() - 1, i + window); j++) {
      if (has(tokens, j, flag)) {
        return true;
      }
    }
    return false;
  }
}
