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
  void longAndNonAsciiTermsAreNumberedByTheirTextAcrossTexts() {
    LocalTerms terms = new LocalTerms();
    terms.addAll(Tokenizer.tokenList("Überprüfung internationalisation 123456789012345678.25"));
    TokenList other =
        Tokenizer.tokenList("internationalisation überprüfung 123,456,789,012,345,678.250 zz");

    assertEquals(1, terms.find(other, 0));
    assertEquals(0, terms.find(other, 1));
    assertEquals(2, terms.find(other, 2));
    assertEquals(-1, terms.find(other, 3));
  }

  @Test
  void add_keepsNumbersWhileTheTableGrows() {
    LocalTerms terms = new LocalTerms();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append("term").append(i).append(' ').append(i * 7).append(' ');
    }
    TokenList tokens = Tokenizer.tokenList(text.toString());

    int[] numbers = terms.addAll(tokens);

    for (int i = 0; i < tokens.size(); i++) {
      assertEquals(numbers[i], terms.find(tokens, i));
    }
    assertEquals(2000, terms.size());
    terms.clear();
    assertEquals(-1, terms.find(tokens, 0));
    assertEquals(0, terms.add(tokens, 5));
  }
}
