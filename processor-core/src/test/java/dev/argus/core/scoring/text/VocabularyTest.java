package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VocabularyTest {

  @Test
  void lookup_returnsTheSameEntryForTheSameWordInAnyCase() {
    Vocabulary vocabulary = new Vocabulary(64, Vocabulary::word);

    Vocabulary.Word first = lookup(vocabulary, "Snapshots");
    Vocabulary.Word second = lookup(vocabulary, "snapshots");
    Vocabulary.Word unpacked = lookup(vocabulary, "Überprüfungen");

    assertSame(first, second);
    assertEquals("snapshot", first.term());
    assertSame(unpacked, lookup(vocabulary, "überprüfungen"));
  }

  @Test
  void lookup_startsANewGenerationWhenFullAndKeepsRememberingWords() {
    Vocabulary vocabulary = new Vocabulary(16, Vocabulary::word);
    Vocabulary.Word early = lookup(vocabulary, "Restoring");
    for (int i = 0; i < 400; i++) {
      lookup(vocabulary, "filler" + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }

    Vocabulary.Word late = lookup(vocabulary, "Restoring");
    Vocabulary.Word again = lookup(vocabulary, "restoring");

    // Dozens of generations have passed; the word is worked out afresh, equal in every respect,
    // and remembered again in the current generation.
    assertTrue(vocabulary.generations() > 20, "generations " + vocabulary.generations());
    assertNotSame(early, late);
    assertSame(late, again);
    assertEquals(early, new Vocabulary.Word(late.text(), early.chars(), late.hash(), late.term(),
        late.termKey(), late.number(), late.stopword(), late.negation(), late.restrictive()));
    assertEquals("restor", late.term());
    assertEquals(Vocabulary.termKey("restor"), late.termKey());
  }

  @Test
  void numbers_stayCorrectAndRememberedAfterManyMoreDistinctNumbersThanSlots() {
    Vocabulary numbers = new Vocabulary(64, Vocabulary::number);
    for (int i = 0; i < 100_000; i++) {
      Vocabulary.Word word = lookup(numbers, Integer.toString(i * 13));
      assertEquals(Integer.toString(i * 13), word.term());
    }

    Vocabulary.Word grouped = lookup(numbers, "1,200.50");

    assertEquals("1200.5", grouped.term());
    assertSame(grouped, lookup(numbers, "1,200.50"));
    assertEquals(Vocabulary.termKey("1200.5"), grouped.termKey());
  }

  @Test
  void number_keysTheWrittenFormAndSharesTheCanonicalTerm() {
    Vocabulary numbers = new Vocabulary(64, Vocabulary::number);

    Vocabulary.Word grouped = lookup(numbers, "1,200.50");
    Vocabulary.Word plain = lookup(numbers, "1200.5");

    assertNotSame(grouped, plain);
    assertEquals("1200.5", grouped.text());
    assertEquals(grouped.termKey(), plain.termKey());
    assertSame(grouped, lookup(numbers, "1,200.50"));
  }

  private static Vocabulary.Word lookup(Vocabulary vocabulary, String word) {
    char[] chars = ("  " + word + " ").toCharArray();
    return vocabulary.lookup(chars, 2, 2 + word.length());
  }
}
