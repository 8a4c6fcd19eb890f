package dev.argus.core.scoring.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    assertEquals(
        early,
        new Vocabulary.Word(
            late.text(),
            early.chars(),
            late.hash(),
            late.term(),
            late.termKey(),
            late.number(),
            late.stopword(),
            late.negation(),
            late.restrictive()));
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

  @Test
  void lookup_readsWordsLongerThanTheLimitOnEachSight() {
    Vocabulary numbers = new Vocabulary(64, Vocabulary.MAX_PACKED, Vocabulary::number);

    Vocabulary.Word first = lookup(numbers, "4111,1111,1111,1111");
    Vocabulary.Word again = lookup(numbers, "4111,1111,1111,1111");

    assertNotSame(first, again);
    assertEquals("4111111111111111", again.term());
    assertEquals(first.termKey(), again.termKey());
    assertSame(lookup(numbers, "2024"), lookup(numbers, "2024"));
  }

  @Test
  void lookup_tellsApartWordsOfUpToTwentyCharactersByTheirPackedKeys() {
    Vocabulary vocabulary = new Vocabulary(64, Vocabulary::word);
    // Eleven characters: the first key packs only "a", as the one-letter word's key does.
    Vocabulary.Word eleven = lookup(vocabulary, "Abcdefghijk");
    Vocabulary.Word one = lookup(vocabulary, "a");
    Vocabulary.Word twenty = lookup(vocabulary, "INTERNATIONALISATION");
    Vocabulary.Word longer = lookup(vocabulary, "internationalisations");

    assertEquals(one.key(), eleven.key());
    assertNotEquals(one.key2(), eleven.key2());
    assertNotSame(one, eleven);
    assertEquals("abcdefghijk", eleven.text());
    assertSame(eleven, lookup(vocabulary, "abcdefghiJK"));
    assertSame(twenty, lookup(vocabulary, "internationalisation"));
    assertTrue(TokenList.isExactKey(twenty.key()), "twenty characters pack");
    assertFalse(TokenList.isExactKey(longer.key()), "twenty-one characters are hashed");
    assertSame(longer, lookup(vocabulary, "Internationalisations"));
  }

  @Test
  void tokenizer_findsTheEntriesTheTableKeysFromTheText() {
    // The tokenizer packs keys in its own pass; it must land on the entries keyed from the text.
    String source = "Interoperability, don\u2019t 1,200.50 state-of-the-art counterrevolutionaries";
    TokenList tokens = Tokenizer.tokenList(source);

    assertEquals(8, tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Vocabulary.Word word = tokens.word(i);
      char[] text = source.toCharArray();
      assertEquals(Vocabulary.key(text, tokens.start(i), tokens.end(i)), word.key(), word.text());
      assertEquals(Vocabulary.key2(text, tokens.start(i), tokens.end(i)), word.key2(), word.text());
    }
  }

  private static Vocabulary.Word lookup(Vocabulary vocabulary, String word) {
    char[] chars = ("  " + word + " ").toCharArray();
    return vocabulary.lookup(chars, 2, 2 + word.length());
  }
}
