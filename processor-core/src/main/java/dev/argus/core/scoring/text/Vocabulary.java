package dev.argus.core.scoring.text;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free table of the words seen so far with their lower-case form, term and
 * stop-word flag, looked up straight from the characters of the text: a word already seen costs one
 * hash over its characters and one comparison, with no allocation. Entries are immutable and never
 * removed; once the table is three-quarters full new words are simply not remembered.
 */
final class Vocabulary {

  /**
   * What is known about one word. The lexicon flags are worked out once per word here, so scorers
   * test a boolean per token instead of probing a set with the token's text. {@code chars} holds
   * the characters of {@code text} (never modified) for the match loop, and {@code hash} is
   * {@code text.hashCode()}.
   */
  record Word(
      String text,
      char[] chars,
      int hash,
      String term,
      boolean stopword,
      boolean negation,
      boolean restrictive) {}

  private static final int CAPACITY = 1 << 16;
  private static final int MAX_ENTRIES = CAPACITY / 4 * 3;
  private static final int MAX_WORD_LENGTH = 40;

  private final AtomicReferenceArray<Word> table = new AtomicReferenceArray<>(CAPACITY);
  // The hash of each slot's word, written before the word is published: a probe that meets
  // another word is rejected on this array alone, without loading the word and its text.
  private final int[] hashes = new int[CAPACITY];
  // Approximate: racing increments may be lost, which only lets the table fill a little fuller.
  private volatile int size;

  /** Returns the word in {@code text[start, end)}, creating its entry on first sight. */
  Word lookup(char[] text, int start, int end) {
    if (end - start > MAX_WORD_LENGTH) {
      return create(text, start, end);
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + fold(text[i]);
    }
    int mask = CAPACITY - 1;
    int slot = (hash ^ (hash >>> 16)) & mask;
    for (int probes = 0; probes < 16; probes++) {
      Word word = table.get(slot);
      if (word == null) {
        Word created = create(text, start, end);
        // A benign race: two threads may insert the same word; lookups still find one of them.
        // Two racing writers may leave a slot whose hash is not its word's: that word is then
        // not found there and is looked up as new, never matched wrongly.
        if (size < MAX_ENTRIES) {
          hashes[slot] = hash;
          if (table.compareAndSet(slot, null, created)) {
            size++;
          }
        }
        return created;
      }
      if (hashes[slot] == hash && matches(word.chars(), text, start, end)) {
        return word;
      }
      slot = (slot + 1) & mask;
    }
    return create(text, start, end);
  }

  private static boolean matches(char[] word, char[] text, int start, int end) {
    if (word.length != end - start) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text[i];
      // Most characters are already in folded form; fold only the ones that differ.
      if (word[i - start] != c && word[i - start] != fold(c)) {
        return false;
      }
    }
    return true;
  }

  private static char fold(char c) {
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + 32);
    }
    if (c < 128) {
      return c;
    }
    return c == '\u2019' ? '\'' : Character.toLowerCase(c);
  }

  private static Word create(char[] text, int start, int end) {
    char[] chars = new char[end - start];
    for (int i = start; i < end; i++) {
      chars[i - start] = fold(text[i]);
    }
    String lower = new String(chars);
    String digits = Lexicon.NUMBER_WORDS.get(lower);
    String term = digits != null ? digits : Stemmer.stem(lower);
    boolean stop = Lexicon.STOPWORDS.contains(lower) || lower.length() < 2;
    boolean negation = Lexicon.NEGATIONS.contains(lower) || lower.endsWith("n't");
    return new Word(
        lower,
        chars,
        lower.hashCode(),
        term,
        stop,
        negation,
        Lexicon.RESTRICTIVES.contains(lower));
  }
}
