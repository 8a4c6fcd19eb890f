package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds word sequences in a token list. Phrases are grouped by their first word, so a scan costs
 * one table probe per token plus the comparison of the few phrases starting with that word.
 */
final class PhraseMatcher {

  // Flag value of a first word: 1 + the index of its group in `groups`.
  private final WordFlags firstWords;
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
    WordFlags.Builder index = WordFlags.builder(byFirstWord.size());
    groups = new String[byFirstWord.size()][][];
    int group = 0;
    for (Map.Entry<String, List<String[]>> entry : byFirstWord.entrySet()) {
      index.add(group + 1, entry.getKey());
      groups[group++] = entry.getValue().toArray(new String[0][]);
    }
    firstWords = index.build();
  }

  /** Returns the words of every phrase's first token, for callers that pre-screen tokens. */
  List<String> firstWords() {
    List<String> words = new ArrayList<>(groups.length);
    for (String[][] group : groups) {
      words.add(group[0][0]);
    }
    return words;
  }

  /** Returns true when a phrase starts at token {@code at}. */
  boolean startsAt(TokenList tokens, int at) {
    int group = firstWords.of(tokens, at) - 1;
    if (group < 0) {
      return false;
    }
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
