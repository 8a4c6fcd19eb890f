package dev.argus.core.scoring.text;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list of the tokens of one text. It keeps each token's offsets and {@link
 * Vocabulary} entry in arrays, so scorers that read offsets, flags and terms through the accessors
 * of this class need no token object; a {@link Token} object is built when {@link #get} first asks
 * for it, or all at once for texts read as a {@code List<Token>}. Sub-lists are views of the same
 * class, so every loop over tokens (whole texts and single sentences alike) sees one list type.
 */
public final class TokenList extends AbstractList<Token> implements RandomAccess {

  private final String source;
  private final Vocabulary.Word[] words;
  private final int[] starts;
  private final int[] ends;
  // The list of the whole text, which holds the tokens built so far for its sub-lists too.
  private final TokenList root;
  // Tokens built so far, on the root only, allocated on first need: most texts are read through
  // the accessors alone. A race only builds an equal token twice.
  private Token[] built;
  private final int from;
  private final int size;
  // Where the claims of the whole text end; shared with sub-lists.
  private final ClaimCuts cuts;
  // True once every token of this list is built; a race only builds some twice.
  private boolean complete;

  TokenList(
      String source, Vocabulary.Word[] words, int[] starts, int[] ends, int size, ClaimCuts cuts) {
    this(source, words, starts, ends, null, 0, size, cuts);
  }

  private TokenList(
      String source,
      Vocabulary.Word[] words,
      int[] starts,
      int[] ends,
      TokenList root,
      int from,
      int size,
      ClaimCuts cuts) {
    this.source = source;
    this.words = words;
    this.starts = starts;
    this.ends = ends;
    this.root = root != null ? root : this;
    this.from = from;
    this.size = size;
    this.cuts = cuts;
  }

  @Override
  public Token get(int index) {
    Objects.checkIndex(index, size);
    Token token = built()[from + index];
    return token != null ? token : build(from + index);
  }

  /**
   * Builds every token of this list not built yet, for callers that will read all of them as {@link
   * Token} objects; returns this list.
   */
  TokenList withTokens() {
    if (!complete) {
      Token[] built = built();
      for (int at = from; at < from + size; at++) {
        if (built[at] == null) {
          build(at);
        }
      }
      complete = true;
    }
    return this;
  }

  private Token build(int at) {
    Vocabulary.Word word = words[at];
    Token token =
        new Token(
            word.text(),
            starts[at],
            ends[at],
            word.number(),
            capitalized(at),
            word.term(),
            word.stopword(),
            word.negation(),
            word.restrictive(),
            word.hash());
    built()[at] = token;
    return token;
  }

  private Token[] built() {
    Token[] tokens = root.built;
    if (tokens == null) {
      tokens = new Token[root.size];
      root.built = tokens;
    }
    return tokens;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public TokenList subList(int fromIndex, int toIndex) {
    Objects.checkFromToIndex(fromIndex, toIndex, size);
    return new TokenList(
        source, words, starts, ends, root, from + fromIndex, toIndex - fromIndex, cuts);
  }

  /** Returns {@code get(index).start()}: offset of the token's first character. */
  public int start(int index) {
    return starts[from + Objects.checkIndex(index, size)];
  }

  /** Returns {@code get(index).end()}: offset after the token's last character. */
  public int end(int index) {
    return ends[from + Objects.checkIndex(index, size)];
  }

  /** Returns {@code get(index).text()}: the normalised form. */
  public String text(int index) {
    return word(index).text();
  }

  /** Returns {@code get(index).term()}: the comparable form. */
  public String term(int index) {
    return word(index).term();
  }

  /**
   * Returns a key of the token's {@link #term}: tokens with equal terms have equal keys. Keys of
   * different terms differ too, except that two long or non-ASCII terms may share a key (a hash),
   * so equal keys of such terms ({@link #isExactKey} false) must be confirmed with the terms.
   */
  public long termKey(int index) {
    return word(index).termKey();
  }

  /** Returns true when equal {@link #termKey keys} prove equal terms (the key is not a hash). */
  public static boolean isExactKey(long termKey) {
    return (termKey & Vocabulary.HASHED) == 0;
  }

  /** Returns {@code get(index).hash()}. */
  public int hash(int index) {
    return word(index).hash();
  }

  /** Returns {@code get(index).number()}. */
  public boolean isNumber(int index) {
    return word(index).number();
  }

  /** Returns {@code get(index).stopword()}. */
  public boolean isStopword(int index) {
    return word(index).stopword();
  }

  /** Returns {@code get(index).negation()}. */
  public boolean isNegation(int index) {
    return word(index).negation();
  }

  /** Returns {@code get(index).restrictive()}. */
  public boolean isRestrictive(int index) {
    return word(index).restrictive();
  }

  /** Returns {@code get(index).capitalized()}. */
  public boolean isCapitalized(int index) {
    return capitalized(from + Objects.checkIndex(index, size));
  }

  /** Returns where the claims of the whole text end (not only of this sub-list). */
  ClaimCuts cuts() {
    return cuts;
  }

  /** Returns the vocabulary entry of token {@code index}. */
  Vocabulary.Word word(int index) {
    return words[from + Objects.checkIndex(index, size)];
  }

  private boolean capitalized(int at) {
    if (words[at].number()) {
      return false;
    }
    return Chars.isUpperCase(source.charAt(starts[at]));
  }
}
