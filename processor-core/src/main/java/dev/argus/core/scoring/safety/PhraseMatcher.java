package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds word sequences in a token list. Phrases are grouped by their first word: a caller that
 * already knows a token is the first word of group {@code g} (from its own word table, see {@link
 * #firstWords}) compares only the few phrases of that group.
 */
final class PhraseMatcher {

  // Group g holds the phrases, as token texts, that start with firstWords().get(g).
  private final String[][][] groups;

  /** Creates a matcher for {@code phrases}, tokenised the same way as the text will be. */
  PhraseMatcher(List<String> phrases) {
    Map<String, List<String[]>> byFirstWord = new LinkedHashMap<>();
    for (String phrase : phrases) {
      TokenList tokens = Tokenizer.tokenList(phrase);
      if (tokens.isEmpty()) {
        continue;
      }
      String[] words = new String[tokens.size()];
      for (int i = 0; i < words.length; i++) {
        words[i] = tokens.text(i);
      }
      byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
    }
    groups = new String[byFirstWord.size()][][];
    int group = 0;
    for (List<String[]> phrasesOfWord : byFirstWord.values()) {
      groups[group++] = phrasesOfWord.toArray(new String[0][]);
    }
  }

  /** Returns the first word of each group, in group order (entry g is group g's word). */
  List<String> firstWords() {
    List<String> words = new ArrayList<>(groups.length);
    for (String[][] group : groups) {
      words.add(group[0][0]);
    }
    return words;
  }

  /**
   * Returns true when a phrase of group {@code group} starts at token {@code at}, whose text the
   * caller found to be that group's first word.
   */
  boolean groupStartsAt(TokenList tokens, int at, int group) {
    for (String[] phrase : groups[group]) {
      if (matchesAt(tokens, at, phrase)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(TokenList tokens, int at, String[] phrase) {
    if (at + phrase.length > tokens.size()) {
      return false;
    }
    for (int k = 1; k < phrase.length; k++) {
      if (!tokens.text(at + k).equals(phrase[k])) {
        return false;
      }
    }
    return true;
  }
}
