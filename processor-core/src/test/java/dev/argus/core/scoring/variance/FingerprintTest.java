package dev.argus.core.scoring.variance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.core.scoring.text.Tokenizer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final String[] WORDS = {
    "capital",
    "Australia",
    "Canberra",
    "Sydney",
    "is",
    "the",
    "of",
    "population",
    "million",
    "city",
    "largest",
    "river",
    "2024",
    "26",
    "3.5",
    "1,200",
    "growth",
    "rate",
    "percent"
  };

  @Test
  void similarityIsTheJaccardOfTheDistinctHashes() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      String question = answer(random, 4);
      Fingerprint.Indexed current =
          Fingerprint.of(Tokenizer.tokenList(answer(random, 40)), questionTerms(question));
      Fingerprint earlier =
          Fingerprint.of(Tokenizer.tokenList(answer(random, 40)), questionTerms(question))
              .fingerprint();

      Fingerprint mine = current.fingerprint();
      assertEquals(reference(mine, earlier), current.similarity(earlier), 0.0);
    }
  }

  @Test
  void keepsEachTermOnceAndLeavesOutTheQuestion() {
    Fingerprint.Indexed answer =
        Fingerprint.of(
            Tokenizer.tokenList("Canberra is the capital, Canberra! 26 and 26."),
            questionTerms("What is the capital?"));

    assertEquals(1, answer.fingerprint().terms().length);
    assertArrayEquals(new int[] {"26".hashCode()}, answer.fingerprint().numbers());
    assertEquals(1.0, answer.similarity(answer.fingerprint()), 0.0);
  }

  private static QuestionTerms questionTerms(String question) {
    return QuestionTerms.of(Tokenizer.tokenList(question));
  }

  private static String answer(Random random, int maxWords) {
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = random.nextInt(maxWords); i < n; i++) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return text.toString();
  }

  // The definition: Jaccard of the distinct term hashes, numbers weighted in when there are any.
  private static double reference(Fingerprint a, Fingerprint b) {
    double terms = jaccard(a.terms(), b.terms());
    if (a.numbers().length == 0 && b.numbers().length == 0) {
      return terms;
    }
    return 0.6 * terms + 0.4 * jaccard(a.numbers(), b.numbers());
  }

  private static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    long shared = Arrays.stream(a).filter(x -> IntStream.of(b).anyMatch(y -> y == x)).count();
    assertEquals(a.length, Arrays.stream(a).distinct().count());
    return shared / (double) (a.length + b.length - shared);
  }
}
