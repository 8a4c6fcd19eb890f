package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void claims_cutsAtSentenceEndsSemicolonsLineBreaksAndJoints() {
    String text = "Price is 1,200.50 EUR. It ships in 3.5 days; ask Dr. Who, and wait\nDone: ok";

    assertEquals(
        List.of(
            "Price is 1,200.50 EUR",
            " It ships in 3.5 days",
            " ask Dr",
            " Who",
            " and wait",
            "Done",
            " ok"),
        pieces(text));
  }

  @Test
  void claims_dropsPiecesWithoutALetterOrDigit() {
    assertEquals(List.of("a", " b"), pieces("... ;a; -- ;\n b\n?! "));
  }

  @Test
  void claims_matchesACharacterByCharacterReadingOfTheRules() {
    String[] parts = {
      "word",
      "Don't",
      "na\u00efve",
      "1,200.50",
      "3.",
      "x.y",
      ".",
      ",",
      ", and ",
      ", so ",
      ", which ",
      "; ",
      ":",
      ": ",
      "!",
      "? ",
      "\n",
      " ",
      "  ",
      "\u00a0",
      "\u2019",
      "'",
      "-",
      "[doc-1]",
      "\u0661\u0662",
      "\u00e9t\u00e9",
      "e.g.",
      "12:30",
      "5%"
    };
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      String sample = randomText(random, parts);

      assertEquals(spans(reference(sample)), spans(Sentences.claims(sample)), sample);
    }
  }

  @Test
  void claims_ofALongTextWithManyCutsMatchTheReference() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 20_000; i++) {
      text.append("Item ").append(i).append(i % 3 == 0 ? ", and more; " : ". ");
    }
    String sample = text.toString();

    assertEquals(spans(reference(sample)), spans(Sentences.claims(sample)));
  }

  @Test
  void claimEnds_giveEachClaimTheTokensThatStartInItsSpan() {
    String[] parts = {
      "word", "Don't", "1,200.50", "3.", ".", ", and ", "; ", ": ", "\n", " ", "e.g.", "?! "
    };
    Random random = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      String sample = randomText(random, parts);
      List<int[]> spans = reference(sample);
      TokenList tokens = Tokenizer.tokenList(sample);
      List<Integer> expected = new ArrayList<>();
      int t = 0;
      for (int[] span : spans) {
        while (t < tokens.size() && tokens.start(t) < span[1]) {
          t++;
        }
        expected.add(t);
      }

      int[] ends = Sentences.claimEnds(sample);

      assertEquals(expected, Arrays.stream(ends).boxed().toList(), sample);
      assertEquals(tokens.size(), ends.length == 0 ? 0 : ends[ends.length - 1], sample);
    }
  }

  private static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    for (int[] span : Sentences.claims(text)) {
      pieces.add(text.substring(span[0], span[1]));
    }
    return pieces;
  }

  private static List<String> spans(List<int[]> spans) {
    return spans.stream().map(span -> span[0] + "-" + span[1]).toList();
  }

  // The rules read one character at a time, as documented on Sentences.
  private static List<int[]> reference(String text) {
    String[] joints = {
      ", and ", ", but ", ", so ", ", while ", ", whereas ", ", where ", ", which "
    };
    List<int[]> spans = new ArrayList<>();
    int start = 0;
    int length = text.length();
    for (int i = 0; i <= length; i++) {
      boolean cut = i == length;
      if (i < length) {
        char c = text.charAt(i);
        boolean last = i + 1 == length;
        if (c == '\n' || c == ';') {
          cut = true;
        } else if (".!?:".indexOf(c) >= 0) {
          cut = last || Character.isWhitespace(text.charAt(i + 1));
        } else if (c == ',') {
          for (String joint : joints) {
            cut |= text.startsWith(joint, i);
          }
        }
      }
      if (cut) {
        boolean content = false;
        for (int j = start; j < i; j++) {
          content |= Character.isLetterOrDigit(text.charAt(j));
        }
        if (content) {
          spans.add(new int[] {start, i});
        }
        start = i + 1;
      }
    }
    return spans;
  }

  // Up to 29 parts picked at random and joined.
  private static String randomText(Random random, String[] parts) {
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(30);
    for (int i = 0; i < count; i++) {
      text.append(parts[random.nextInt(parts.length)]);
    }
    return text.toString();
  }
}
