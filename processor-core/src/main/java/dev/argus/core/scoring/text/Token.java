package dev.argus.core.scoring.text;

/**
 * One word or number of a text.
 *
 * @param text the normalised form: lower case for words, canonical digits for numbers
 * @param start offset of the first character in the source text
 * @param end offset after the last character in the source text
 * @param number true when the token is a number
 * @param capitalized true when a word starts with an upper-case letter in the source
 */
public record Token(String text, int start, int end, boolean number, boolean capitalized) {}
