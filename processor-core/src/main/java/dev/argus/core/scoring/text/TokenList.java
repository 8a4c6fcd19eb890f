package dev.argus.core.scoring.text;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list of tokens backed by an array. Sub-lists are views of the same class, so
 * every loop over tokens (whole texts and single sentences alike) sees one list type and reads an
 * element with one array access instead of going through a wrapper and a second list.
 */
final class TokenList extends AbstractList<Token> implements RandomAccess {

  private final Token[] tokens;
  private final int from;
  private final int size;

  TokenList(Token[] tokens, int from, int size) {
    this.tokens = tokens;
    this.from = from;
    this.size = size;
  }

  @Override
  public Token get(int index) {
    Objects.checkIndex(index, size);
    return tokens[from + index];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public TokenList subList(int fromIndex, int toIndex) {
    Objects.checkFromToIndex(fromIndex, toIndex, size);
    return new TokenList(tokens, from + fromIndex, toIndex - fromIndex);
  }
}
