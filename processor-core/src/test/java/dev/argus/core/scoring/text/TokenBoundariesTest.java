package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the tokenizer, with its lookup tables and vocabulary, against a plain
 * character-by-character statement of the token rules, on random texts rich in the characters where
 * the rules branch.
 */
class TokenBoundariesTest {

  private static final String ALPHABET = "aZk09 ',.\u2019-\n\u00e9\u00df\u0663\u4e2d\ud83d";

  @Test
  void tokenize_findsTheTokensOfTheCharacterRules() {
    Random random = new Random(7);
    for (int round = 0; round < 3_000; round++) {
      int length = random.nextInt(200);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String source = text.toString();

      assertEquals(expected(source), actual(source), source);
    }
  }

  @Test
  void tokenize_findsLongTokens() {
    String source = "x".repeat(63) + " 1,2" + "y".repeat(64) + "'s " + "7".repeat(64) + ".5 end";

    assertEquals(expected(source), actual(source));
  }

  private static List<String> actual(String source) {
    List<String> tokens = new ArrayList<>();
    for (Token token : Tokenizer.tokenize(source)) {
      tokens.add(token.start() + "-" + token.end() + (token.number() ? "n" : "w"));
    }
    return tokens;
  }

  // The rules one character at a time: a token is a run of letters and digits, joined across an
  // apostrophe between letters, or across a dot or comma between ASCII digits while it is
  // letter-free; it is a number when it holds no letter.
  private static List<String> expected(String text) {
    List<String> tokens = new ArrayList<>();
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean hasLetter = false;
      while (i < length) {
        char d = text.charAt(i);
        if (Character.isLetter(d)) {
          hasLetter = true;
        } else if (!Character.isDigit(d) && !joins(text, i, hasLetter)) {
          break;
        }
        i++;
      }
      tokens.add(start + "-" + i + (hasLetter ? "w" : "n"));
    }
    return tokens;
  }

  private static boolean joins(String text, int i, boolean hasLetter) {
    if (i == 0 || i + 1 >= text.length()) {
      return false;
    }
    char d = text.charAt(i);
    char before = text.charAt(i - 1);
    char after = text.charAt(i + 1);
    if (d == '\'' || d == '\u2019') {
      return hasLetter && Character.isLetter(before) && Character.isLetter(after);
    }
    if (d == '.' || d == ',') {
      return !hasLetter && isAsciiDigit(before) && isAsciiDigit(after);
    }
    return false;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
