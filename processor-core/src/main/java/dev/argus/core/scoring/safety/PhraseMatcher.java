package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import dev.argus.core.scoring.text.WordSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds word sequences in a token list. Phrases are indexed by their first word, so a scan costs
 * one map look-up per token plus the comparison of the few phrases starting with that word.
 */
final class PhraseMatcher {

  private final Map<String, List<String[]>> byFirstWord = new HashMap<>();
  private final WordSet firstWords;

  /** Creates a matcher for {@code phrases}, tokenised the same way as the text will be. */
  PhraseMatcher(List<String> phrases) {
    for (String phrase : phrases) {
      List<Token> tokens = Tokenizer.tokenize(phrase);
      if (tokens.isEmpty()) {
        continue;
      }
      String[] words = new String[tokens.size()];
      for (int i = 0; i < words.length; i++) {
        words[i] = tokens.get(i).text();
      }
      byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
    }
    firstWords = WordSet.of(byFirstWord.keySet());
  }

  /** Returns how many phrase occurrences {@code tokens} holds. */
  int count(List<Token> tokens) {
    int count = 0;
    int n = tokens.size();
    for (int i = 0; i < n; i++) {
      Token token = tokens.get(i);
      if (!firstWords.contains(token)) {
        continue;
      }
      List<String[]> candidates = byFirstWord.get(token.text());
      if (candidates == null) {
        continue;
      }
      for (String[] phrase : candidates) {
        if (matchesAt(tokens, i, phrase)) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  private static boolean matchesAt(List<Token> tokens, int at, String[] phrase) {
    if (at + phrase.length > tokens.size()) {
      return false;
    }
    for (int k = 1; k < phrase.length; k++) {
      if (!tokens.get(at + k).text().equals(phrase[k])) {
        return false;
      }
    }
    return true;
  }
}
