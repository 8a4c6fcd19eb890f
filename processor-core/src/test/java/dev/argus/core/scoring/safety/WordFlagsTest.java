package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordFlagsTest {

  private static final WordFlags WORDS =
      WordFlags.builder(16)
          .add(1, "you", "your", "u", "i'm", "y'all", "base64", "4th")
          .add(2, "answer", "in", "kelvin")
          .build();

  // Words of the table in many spellings, near misses, numbers and characters outside ASCII
  // (the Kelvin sign lower-cases to an ASCII "k").
  private static final String[] PIECES = {
    "you",
    "You",
    "YOUR",
    "yours",
    "u",
    "U",
    "I'm",
    "I\u2019m",
    "Y'all",
    "y\u2019all",
    "base64",
    "Base64",
    "4th",
    "4TH",
    "answer",
    "Answers",
    "in",
    "IN",
    "into",
    "\u212Aelvin",
    "kelvin",
    "42",
    "1,200.50",
    "v2",
    "a",
    "x",
    "caf\u00e9",
    "\u00c9cole",
    " ",
    ". ",
    ", ",
    "'",
    "\n"
  };

  @Test
  void screenedLookupAgreesWithTheLookupOfTheText() {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
        text.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextBoolean() ? " " : "");
      }
      String source = text.toString();
      TokenList tokens = Tokenizer.tokenList(source);
      for (int i = 0; i < tokens.size(); i++) {
        assertEquals(WORDS.of(tokens.text(i)), WORDS.of(source, tokens, i), source);
      }
    }
  }

  @Test
  void findsListedWordsWhateverTheirCase() {
    String source = "Your ANSWER, \u212Aelvin, y\u2019all and 4TH";
    TokenList tokens = Tokenizer.tokenList(source);

    assertEquals(1, WORDS.of(source, tokens, 0));
    assertEquals(2, WORDS.of(source, tokens, 1));
    assertEquals(2, WORDS.of(source, tokens, 2));
    assertEquals(1, WORDS.of(source, tokens, 3));
    assertEquals(0, WORDS.of(source, tokens, 4));
    assertEquals(1, WORDS.of(source, tokens, 5));
  }

  @Test
  void refusesEntriesWithoutALetter() {
    assertThrows(IllegalArgumentException.class, () -> WordFlags.builder(4).add(1, "911"));
  }
}
