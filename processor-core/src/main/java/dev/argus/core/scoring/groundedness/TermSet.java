package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The comparable terms of a text: stems of content words and canonical numbers. */
final class TermSet {

  private final Set<String> terms;

  private TermSet(Set<String> terms) {
    this.terms = terms;
  }

  /** Returns the terms of every text in {@code texts}. */
  static TermSet of(List<String> texts) {
    Set<String> terms = new HashSet<>();
    for (String text : texts) {
      for (Token token : Tokenizer.tokenize(text)) {
        terms.add(term(token));
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
