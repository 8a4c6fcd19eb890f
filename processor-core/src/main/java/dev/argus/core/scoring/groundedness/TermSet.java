package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.HashSet;
import java.util.Set;

/** The comparable terms of a text: stems of content words and canonical numbers. */
final class TermSet {

  private final Set<String> terms;

  private TermSet(Set<String> terms) {
    this.terms = terms;
  }

  /**
   * Returns the terms of {@code text} that are among {@code wanted}. Only the checked text's terms
   * are ever looked up, so the rest of a long prompt need not be stored.
   */
  static TermSet of(String text, Set<String> wanted) {
    Set<String> terms = new HashSet<>();
    for (Token token : Tokenizer.tokenize(text)) {
      String term = term(token);
      if (wanted.contains(term)) {
        terms.add(term);
      }
    }
    return new TermSet(terms);
  }

  /** Returns the comparable form of a token: number words become digits, words their stem. */
  static String term(Token token) {
    return token.term();
  }

  /** Returns true when a token of the form {@code term(token)} occurs in the text. */
  boolean contains(String term) {
    return terms.contains(term);
  }

  boolean isEmpty() {
    return terms.isEmpty();
  }
}
