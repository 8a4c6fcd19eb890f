package dev.argus.core.scoring.groundedness;

import dev.argus.core.scoring.text.LocalTerms;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;

/** The comparable terms of a text (stems of content words and canonical numbers) as a bitmap. */
final class TermSet {

  // Indexed by the call's term number.
  private final boolean[] terms;

  private TermSet(boolean[] terms) {
    this.terms = terms;
  }

  /**
   * Returns the terms of {@code text} that are among {@code wanted}. Only the checked text's terms
   * are ever looked up, so the rest of a long prompt need not be stored; function words are looked
   * up only when {@code stopTerms} says a wanted term may be one's.
   */
  static TermSet of(String text, LocalTerms wanted, boolean stopTerms) {
    boolean[] terms = new boolean[wanted.size()];
    TokenList tokens = Tokenizer.tokenList(text);
    for (int i = 0; i < tokens.size(); i++) {
      if (!stopTerms && tokens.isStopword(i) && !tokens.isNumber(i)) {
        continue;
      }
      int term = wanted.find(tokens, i);
      if (term >= 0) {
        terms[term] = true;
      }
    }
    return new TermSet(terms);
  }

  /** Returns true when the text holds the term numbered {@code term}. */
  boolean contains(int term) {
    return terms[term];
  }
}
