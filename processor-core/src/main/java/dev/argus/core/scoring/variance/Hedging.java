package dev.argus.core.scoring.variance;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.TokenList;
import java.util.Set;

/** Counts hedges ("might", "I think", "not sure") that signal low confidence in an answer. */
final class Hedging {

  private static final Set<String> HEDGE_WORDS =
      Lexicon.words(
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
  private static final Set<String> SURE = Lexicon.words("sure", "certain");
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

  // Nearly every word of an answer is no hedge. A bitmap of the hedge and "sure" words' hashes
  // rejects those from the hash the token list keeps, without reading the word or probing a set.
  private static final int FILTER_BITS = 1 << 12;
  private static final long[] FILTER = filter(HEDGE_WORDS, SURE);

  private Hedging() {}

  @SafeVarargs
  private static long[] filter(Set<String>... sets) {
    long[] filter = new long[FILTER_BITS / 64];
    for (Set<String> words : sets) {
      for (String word : words) {
        int bit = bit(word.hashCode());
        filter[bit >>> 6] |= 1L << bit;
      }
    }
    return filter;
  }

  private static int bit(int hash) {
    return (hash ^ hash >>> 12) & (FILTER_BITS - 1);
  }

  private static boolean mayBeHedge(TokenList tokens, int i) {
    int bit = bit(tokens.hash(i));
    return (FILTER[bit >>> 6] & 1L << bit) != 0;
  }

  /**
   * Returns the number of hedges in {@code tokens}. Words that are only hedges after "I" ("I
   * think", "I guess") count when so preceded; "not sure" and "not certain" always count.
   */
  static int count(TokenList tokens) {
    int hedges = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (!mayBeHedge(tokens, i)) {
        continue;
      }
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
