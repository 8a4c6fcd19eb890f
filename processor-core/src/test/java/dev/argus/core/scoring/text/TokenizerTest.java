package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
  void termKey_isEqualWhenTermsAreEqualAndExactKeysOnlyThen() {
    TokenList tokens =
        Tokenizer.tokenList(
            "Restoring restore snapshots snapshot three 3 March 3.0 Überprüfung überprüfung "
                + "internationalisation INTERNATIONALISATION other");

    for (int i = 0; i < tokens.size(); i++) {
      for (int j = 0; j < tokens.size(); j++) {
        boolean sameTerm = tokens.get(i).term().equals(tokens.get(j).term());
        long key = tokens.termKey(i);
        if (sameTerm || TokenList.isExactKey(key)) {
          assertEquals(sameTerm, key == tokens.termKey(j), i + " vs " + j);
        }
      }
    }
    assertEquals(tokens.termKey(0), tokens.termKey(1));
    assertEquals(tokens.termKey(4), tokens.termKey(5));
    assertEquals(tokens.termKey(5), tokens.termKey(6));
    assertNotEquals(tokens.termKey(0), tokens.termKey(2));
    assertTrue(TokenList.isExactKey(tokens.termKey(0)));
    assertFalse(TokenList.isExactKey(tokens.termKey(9)));
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
  void subList_keepsTokensAndAccessorsAligned() {
    TokenList tokens = Tokenizer.tokenList("alpha beta gamma");

    TokenList tail = tokens.subList(1, 3);

    assertEquals("beta", tail.get(0).text());
    assertEquals(tokens.termKey(1), tail.termKey(0));
    assertEquals(tokens.termKey(2), tail.termKey(1));
    assertEquals(tokens.start(2), tail.start(1));
    assertEquals(tokens.end(2), tail.end(1));
    assertSame(tokens.get(2), tail.get(1));
  }

  private static List<String> texts(List<Token> tokens) {
    return tokens.stream().map(Token::text).toList();
  }
}
