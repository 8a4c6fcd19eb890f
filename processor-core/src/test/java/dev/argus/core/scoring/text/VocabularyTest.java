package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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
  void lookup_stillReadsWordsOnceTheTableIsFull() {
    Vocabulary vocabulary = new Vocabulary(16, Vocabulary::word);
    for (int i = 0; i < 40; i++) {
      lookup(vocabulary, "filler" + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }

    Vocabulary.Word late = lookup(vocabulary, "Restoring");
    Vocabulary.Word again = lookup(vocabulary, "restoring");

    // Not remembered, so worked out again, but equal in every respect.
    assertNotSame(late, again);
    assertEquals("restoring", late.text());
    assertEquals("restor", late.term());
    assertEquals(late.termId(), again.termId());
    assertEquals(late.text(), again.text());
  }

  @Test
  void number_keysTheWrittenFormAndSharesTheCanonicalTerm() {
    Vocabulary numbers = new Vocabulary(64, Vocabulary::number);

    Vocabulary.Word grouped = lookup(numbers, "1,200.50");
    Vocabulary.Word plain = lookup(numbers, "1200.5");

    assertNotSame(grouped, plain);
    assertEquals("1200.5", grouped.text());
    assertEquals(grouped.termId(), plain.termId());
    assertSame(grouped, lookup(numbers, "1,200.50"));
  }

  private static Vocabulary.Word lookup(Vocabulary vocabulary, String word) {
    char[] chars = ("  " + word + " ").toCharArray();
    return vocabulary.lookup(chars, 2, 2 + word.length());
  }
}
