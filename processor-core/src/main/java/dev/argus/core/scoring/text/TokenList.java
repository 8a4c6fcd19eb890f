package dev.argus.core.scoring.text;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list of tokens backed by an array, with each token's term id alongside. Sub-lists
 * are views of the same class, so every loop over tokens (whole texts and single sentences alike)
 * sees one list type and reads an element with one array access instead of going through a wrapper
 * and a second list.
 */
public final class TokenList extends AbstractList<Token> implements RandomAccess {

  private final Token[] tokens;
  private final int[] termIds;
  private final int from;
  private final int size;

  TokenList(Token[] tokens, int[] termIds, int from, int size) {
    this.tokens = tokens;
    this.termIds = termIds;
    this.from = from;
    this.size = size;
  }

  @Override
  public Token get(int index) {
    Objects.checkIndex(index, size);
    return tokens[from + index];
  }

  /**
   * Returns a dense id of the term of the token at {@code index}: tokens whose {@link Token#term()}
   * are equal have the same id, and different terms different ids. Returns -1 when the bounded
   * term table had no room for the term; such a token must be compared by its term instead.
   */
  public int termId(int index) {
    Objects.checkIndex(index, size);
    return termIds[from + index];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public TokenList subList(int fromIndex, int toIndex) {
    Objects.checkFromToIndex(fromIndex, toIndex, size);
    return new TokenList(tokens, termIds, from + fromIndex, toIndex - fromIndex);
  }
}
