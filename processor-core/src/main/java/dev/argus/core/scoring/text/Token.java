package dev.argus.core.scoring.text;

/**
 * One word or number of a text.
 *
 * @param text the normalised form: lower case for words, canonical digits for numbers
 * @param start offset of the first character in the source text
 * @param end offset after the last character in the source text
 * @param number true when the token is a number
 * @param capitalized true when a word starts with an upper-case letter in the source
 * @param term the comparable form: digits for numbers and number or month words, else the stem
 * @param stopword true when the word is a function word that states nothing checkable
 * @param negation true when the word is in {@link Lexicon#NEGATIONS} or ends in "n't"
 * @param restrictive true when the word is in {@link Lexicon#RESTRICTIVES}
 * @param hash {@code text.hashCode()}, kept inline so word sets can reject a token without loading
 *     its text
 */
public record Token(
    String text,
    int start,
    int end,
    boolean number,
    boolean capitalized,
    String term,
    boolean stopword,
    boolean negation,
    boolean restrictive,
    int hash) {}
