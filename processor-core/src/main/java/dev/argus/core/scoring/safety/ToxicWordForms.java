package dev.argus.core.scoring.safety;

import static dev.argus.core.scoring.safety.ToxicityLexicon.WORDS;
import static dev.argus.core.scoring.safety.ToxicityLexicon.categoryOf;

import dev.argus.core.scoring.safety.ToxicityDetector.Category;
import dev.argus.core.scoring.text.TokenList;

/**
 * Finds the abuse category of a word that is not itself in {@link ToxicityLexicon} but becomes a
 * lexicon word without a plural or verbal ending ("idiots", "fucking") or a letter repeated for
 * stress ("stuuupid"). Kept apart from the rating because it is the one costly step per word, and
 * its answer depends on the word alone: it is worked out once per word and remembered.
 *
 * <p>Thread-safe: the memo holds immutable entries only.
 */
final class ToxicWordForms {

  private static final String[] SUFFIXES = {"s", "es", "z", "ed", "ing", "in", "er", "ers", "y"};
  // The last letters of the endings: a word ending otherwise skips the ending loop.
  private static final String SUFFIX_LAST_LETTERS = lastLetters(SUFFIXES);

  // Stripping endings and repeats costs a few look-ups per word and depends on the word alone, so
  // the answer is remembered per word in a small direct-mapped table (a colliding word replaces
  // the entry). Entries are immutable: a racing thread sees a whole entry or none and at worst
  // works the answer out again.
  // Sized for a working vocabulary of some thousand words opening like lexicon words; a smaller
  // table kept evicting words of one answer for those of the next.
  private static final int MEMO_SIZE = 1 << 14;
  private static final Derived[] MEMO = new Derived[MEMO_SIZE];

  /** The category a word takes through an ending or a repeat, null when none. */
  private record Derived(String word, Category category) {}

  private ToxicWordForms() {}

  /**
   * Returns the category of token {@code i}: of the exact word, or of the word with a plural /
   * verbal ending or a stressed repeat removed; null when none. {@code flags} are the token's own
   * {@link ToxicityLexicon#WORDS} flags, so a lexicon word is found without the opening test.
   */
  static Category category(TokenList tokens, int i, int flags) {
    Category category = categoryOf(flags);
    String word = tokens.text(i);
    if (category != null || !ToxicityLexicon.mayMatch(word)) {
      return category;
    }
    int hash = tokens.hash(i);
    int slot = (hash ^ hash >>> 12) & (MEMO_SIZE - 1);
    Derived derived = MEMO[slot];
    if (derived == null || !derived.word().equals(word)) {
      derived = new Derived(word, derivedCategory(word));
      MEMO[slot] = derived;
    }
    return derived.category();
  }

  private static Category derivedCategory(String word) {
    boolean mayHaveEnding = SUFFIX_LAST_LETTERS.indexOf(word.charAt(word.length() - 1)) >= 0;
    for (int k = 0; mayHaveEnding && k < SUFFIXES.length; k++) {
      String suffix = SUFFIXES[k];
      if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
        Category category = categoryOf(WORDS.ofPrefix(word, word.length() - suffix.length()));
        if (category != null) {
          return category;
        }
      }
    }
    String squeezed = squeeze(word);
    return squeezed == word ? null : categoryOf(WORDS.of(squeezed));
  }

  private static String squeeze(String word) {
    StringBuilder out = null;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (i >= 2 && c == word.charAt(i - 1) && c == word.charAt(i - 2)) {
        if (out == null) {
          out = new StringBuilder(word.substring(0, i));
        }
        continue;
      }
      if (out != null) {
        out.append(c);
      }
    }
    return out == null ? word : out.toString();
  }

  private static String lastLetters(String[] suffixes) {
    StringBuilder letters = new StringBuilder();
    for (String suffix : suffixes) {
      letters.append(suffix.charAt(suffix.length() - 1));
    }
    return letters.toString();
  }
}
