package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Unpaired surrogates, and only they, become U+FFFD. */
class TextsTest {

  @Test
  void wellFormed_wellFormedText_isTheSameInstance() {
    String text = "plain, accented é, CJK 漢字 and an emoji \uD83D\uDE00 at the end";

    assertSame(text, Texts.wellFormed(text));
  }

  @Test
  void wellFormed_unpairedSurrogates_areReplaced() {
    assertEquals("a\uFFFDb", Texts.wellFormed("a\uD83Db"));
    assertEquals("a\uFFFD", Texts.wellFormed("a\uD83D"));
    assertEquals("\uFFFDa", Texts.wellFormed("\uDE00a"));
    assertEquals("\uFFFD\uD83D\uDE00", Texts.wellFormed("\uDE00\uD83D\uDE00"));
    assertEquals("\uFFFD\uFFFD", Texts.wellFormed("\uD83D\uD83D"));
    assertEquals("\uD83D\uDE00\uFFFDx\uFFFD", Texts.wellFormed("\uD83D\uDE00\uDE00x\uD800"));
  }

  @Test
  void wellFormed_null_isNull() {
    assertNull(Texts.wellFormed(null));
  }
}
