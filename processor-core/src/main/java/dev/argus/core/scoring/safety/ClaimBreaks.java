package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.Sentences;

/**
 * Tells whether two neighbouring tokens fall into different claims of {@link Sentences#claims}
 * by reading only the characters between them. A detector that walks tokens anyway learns where
 * each claim starts without cutting the whole text into spans first: the gaps between tokens are a
 * fraction of the text, and no span list is allocated.
 *
 * <p>This works because every cut {@link Sentences} makes lies between tokens: line breaks,
 * semicolons, sentence punctuation before a blank and ", and"-style joints never occur inside a
 * word or a number. The rules below must stay those of {@link Sentences}; {@code
 * ClaimBreaksTest} compares both on varied text.
 */
final class ClaimBreaks {

  private static final String[] JOINTS = {
    ", and ", ", but ", ", so ", ", while ", ", whereas ", ", where ", ", which "
  };

  private ClaimBreaks() {}

  /** Returns true when a claim ends in {@code text[from, to)}, the gap between two tokens. */
  static boolean within(String text, int from, int to) {
    // Most words are parted by one blank, which never ends a claim.
    if (to - from == 1 && text.charAt(from) == ' ') {
      return false;
    }
    int length = text.length();
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == ';') {
        return true;
      }
      if ((c == '.' || c == '!' || c == '?' || c == ':')
          && (i + 1 == length || Character.isWhitespace(text.charAt(i + 1)))) {
        return true;
      }
      if (c == ',' && i + 1 < length && text.charAt(i + 1) == ' ' && isJoint(text, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJoint(String text, int at) {
    // Every joint's word starts with a, b, s or w: any other letter after ", " rules all out.
    char first = at + 2 < text.length() ? text.charAt(at + 2) : ' ';
    if (first != 'a' && first != 'b' && first != 's' && first != 'w') {
      return false;
    }
    for (String joint : JOINTS) {
      if (text.startsWith(joint, at)) {
        return true;
      }
    }
    return false;
  }
}
