package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocalTermsTest {

  @Test
  void addAll_numbersEachDistinctTermOnceInOrderOfFirstSight() {
    LocalTerms terms = new LocalTerms();

    int[] numbers = terms.addAll(Tokenizer.tokenList("Snapshots restore the snapshot, three or 3"));

    assertArrayEquals(new int[] {0, 1, 2, 0, 3, 4, 3}, numbers);
    assertEquals(5, terms.size());
  }

  @Test
  void find_looksUpWithoutNumberingAndClearForgets() {
    LocalTerms terms = new LocalTerms();
    terms.addAll(Tokenizer.tokenList("restoring snapshots"));
    TokenList other = Tokenizer.tokenList("restored snapshot nightly");

    assertEquals(0, terms.find(other, 0));
    assertEquals(1, terms.find(other, 1));
    assertEquals(-1, terms.find(other, 2));
    assertEquals(2, terms.size());

    terms.clear();

    assertEquals(-1, terms.find(other, 0));
    assertArrayEquals(new int[] {0, 1, 2}, terms.addAll(other));
  }

  @Test
  void termsWithoutIdAreNumberedByTheirText() {
    // What the tokenizer hands out once its bounded term table is full.
    Token[] tokens = Tokenizer.tokenize("alpha beta alpha").toArray(new Token[0]);
    TokenList withoutIds = new TokenList(tokens, new int[] {-1, -1, -1}, 0, 3);
    LocalTerms terms = new LocalTerms();

    int[] numbers = terms.addAll(withoutIds);

    assertArrayEquals(new int[] {0, 1, 0}, numbers);
    assertEquals(1, terms.find(withoutIds, 1));
    terms.clear();
    assertEquals(-1, terms.find(withoutIds, 1));
  }
}
