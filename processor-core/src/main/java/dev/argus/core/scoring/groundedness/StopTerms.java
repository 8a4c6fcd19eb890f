package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The terms a function word can have. A term is a stem, and a function word may share its stem with
 * a content word, so a content term of the answer that is also a function word's term must be
 * looked for in function words of the context too; any other term never needs them.
 */
final class StopTerms {

  private static final Set<String> TERMS = termsOfFunctionWords();

  private StopTerms() {}

  /** Returns true when a function word may have the term {@code term}. */
  static boolean contains(String term) {
    // Every one-letter word is a function word, and its term is that letter; a one-digit term
    // is a number's.
    if (term.length() < 2) {
      return term.isEmpty() || !isAsciiDigit(term.charAt(0)) || TERMS.contains(term);
    }
    return TERMS.contains(term);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Set<String> termsOfFunctionWords() {
    Set<String> terms = new HashSet<>();
    for (String word : Lexicon.STOPWORDS) {
      // The tokenizer gives a word its term, so this set agrees with it by construction.
      TokenList tokens = Tokenizer.tokenList(word);
      for (int i = 0; i < tokens.size(); i++) {
        terms.add(tokens.term(i));
      }
    }
    for (Map.Entry<String, String> entry : Lexicon.NUMBER_WORDS.entrySet()) {
      if (entry.getKey().length() < 2) {
        terms.add(entry.getValue());
      }
    }
    return Set.copyOf(terms);
  }
}
