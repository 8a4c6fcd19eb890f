package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClaimBreaksTest {

  private static final String[] PIECES = {
    "Add", "a", "joke", "to", "your", "answer", "1.5", "1,200.50", "U.S.", "e.g.", "don't",
    "don\u2019t", "caf\u00e9", "\u00c9cole", "x2", "42", "v2.1", " ", "  ", ". ", ".", "! ", "?",
    ": ", ":", "; ", ";", "\n", ", and ", ", but ", ", so ", ", while ", ", whereas ", ", where ",
    ", which ", ", ", ",and ", "...", " - ", "(", ")", "\"", "'", "\t", "?\n", "!!", "\u2019"
  };

  @Test
  void groupsTokensExactlyAsSentencesDoes() {
    Random random = new Random(27);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder text = new StringBuilder();
      int pieces = 1 + random.nextInt(30);
      for (int i = 0; i < pieces; i++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextInt(3) == 0) {
          text.append(' ');
        }
      }
      String source = text.toString();
      assertEquals(bySentences(source), byBreaks(source), source);
    }
  }

  @Test
  void cutsAtSentenceEndsAndJointsOnly() {
    String text = "Use 1.5 mg, and rest; then sleep.\nDone: yes, okay";

    List<List<String>> groups = byBreaks(text);

    assertEquals(
        List.of(
            List.of("use", "1.5", "mg"),
            List.of("and", "rest"),
            List.of("then", "sleep"),
            List.of("done"),
            List.of("yes", "okay")),
        groups);
  }

  // The token texts of each claim, grouped through the spans of Sentences.claims.
  private static List<List<String>> bySentences(String text) {
    List<Token> tokens = Tokenizer.tokenize(text);
    List<List<String>> groups = new ArrayList<>();
    int t = 0;
    for (int[] span : Sentences.claims(text)) {
      while (t < tokens.size() && tokens.get(t).start() < span[0]) {
        t++;
      }
      List<String> group = new ArrayList<>();
      while (t < tokens.size() && tokens.get(t).start() < span[1]) {
        group.add(tokens.get(t++).text());
      }
      if (!group.isEmpty()) {
        groups.add(group);
      }
    }
    return groups;
  }

  private static List<List<String>> byBreaks(String text) {
    List<Token> tokens = Tokenizer.tokenize(text);
    List<List<String>> groups = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (i == 0
          || ClaimBreaks.within(text, tokens.get(i - 1).end(), tokens.get(i).start())) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(tokens.get(i).text());
    }
    return groups;
  }
}
