package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void tokenize_foldsCaseAndCurlyApostrophes() {
    List<Token> tokens = Tokenizer.tokenize("Don\u2019t don't DON'T");

    assertEquals(List.of("don't", "don't", "don't"), texts(tokens));
    assertTrue(tokens.get(0).capitalized());
    assertFalse(tokens.get(1).capitalized());
    assertTrue(tokens.get(1).negation());
    assertEquals("don't".hashCode(), tokens.get(2).hash());
  }

  @Test
  void tokenize_writesNumbersInCanonicalForm() {
    List<Token> tokens = Tokenizer.tokenize("1,200.50 and 1200.5, 007 or 3,50 then 2.0.");

    assertEquals(List.of("1200.5", "and", "1200.5", "7", "or", "3.5", "then", "2"), texts(tokens));
    assertTrue(tokens.get(0).number());
    assertEquals("1200.5", tokens.get(0).term());
    assertEquals("1200.5".hashCode(), tokens.get(0).hash());
    assertEquals(0, tokens.get(0).start());
    assertEquals(8, tokens.get(0).end());
  }

  @Test
  void termId_isEqualExactlyWhenTermsAreEqual() {
    TokenList tokens =
        Tokenizer.tokenList(
            "Restoring restore snapshots snapshot three 3 March 3.0 Überprüfung überprüfung "
                + "internationalisation INTERNATIONALISATION other");

    for (int i = 0; i < tokens.size(); i++) {
      for (int j = 0; j < tokens.size(); j++) {
        boolean sameTerm = tokens.get(i).term().equals(tokens.get(j).term());
        assertEquals(sameTerm, tokens.termId(i) == tokens.termId(j), i + " vs " + j);
      }
    }
    assertEquals(tokens.termId(0), tokens.termId(1));
    assertEquals(tokens.termId(4), tokens.termId(5));
    assertEquals(tokens.termId(5), tokens.termId(6));
    assertNotEquals(tokens.termId(0), tokens.termId(2));
  }

  @Test
  void tokenize_readsWordsThatCannotBePackedIntoAKey() {
    List<Token> tokens =
        Tokenizer.tokenize("Überprüfung internationalisation na\u00efve " + "x".repeat(60));

    assertEquals(
        List.of("überprüfung", "internationalisation", "na\u00efve", "x".repeat(60)),
        texts(tokens));
    assertTrue(tokens.get(0).capitalized());
  }

  @Test
  void subList_keepsTermIdsAligned() {
    TokenList tokens = Tokenizer.tokenList("alpha beta gamma");

    TokenList tail = tokens.subList(1, 3);

    assertEquals("beta", tail.get(0).text());
    assertEquals(tokens.termId(1), tail.termId(0));
    assertEquals(tokens.termId(2), tail.termId(1));
  }

  private static List<String> texts(List<Token> tokens) {
    return tokens.stream().map(Token::text).toList();
  }
}
