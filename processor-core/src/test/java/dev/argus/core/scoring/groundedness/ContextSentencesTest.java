package dev.argus.core.scoring.groundedness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContextSentencesTest {

  @Test
  void contradicts_whenTheBestCoveringSentenceHasTheOppositePolarity() {
    ContextSentences context =
        new ContextSentences(List.of("The warehouse inventory forecast was not approved."));

    assertTrue(context.contradicts(terms("warehouse inventory forecast approved"), false, false));
    assertFalse(context.contradicts(terms("warehouse inventory forecast approved"), true, false));
  }

  @Test
  void contradicts_isFalseForClaimsWithFewerThanThreeTerms() {
    ContextSentences context = new ContextSentences(List.of("The forecast was not approved."));

    assertFalse(context.contradicts(terms("forecast approved"), false, false));
  }

  @Test
  void contradicts_isFalseWhenEitherSideRestrictsItsScope() {
    ContextSentences context =
        new ContextSentences(List.of("Only the warehouse inventory forecast was not approved."));

    assertFalse(context.contradicts(terms("warehouse inventory forecast approved"), false, false));
    assertFalse(
        new ContextSentences(List.of("The warehouse inventory forecast was not approved."))
            .contradicts(terms("warehouse inventory forecast approved"), false, true));
  }

  @Test
  void contradicts_takesTheFirstOfEquallyCoveringSentences() {
    Set<String> claim = terms("warehouse inventory forecast approved");
    ContextSentences negativeFirst = new ContextSentences(List.of(
        "The warehouse inventory forecast was not approved. "
            + "The warehouse inventory forecast was approved."));
    ContextSentences positiveFirst = new ContextSentences(List.of(
        "The warehouse inventory forecast was approved. "
            + "The warehouse inventory forecast was not approved."));

    assertTrue(negativeFirst.contradicts(claim, false, false));
    assertFalse(positiveFirst.contradicts(claim, false, false));
  }

  @Test
  void contradicts_isFalseBelowTheSameTopicOverlap() {
    ContextSentences context =
        new ContextSentences(List.of("The warehouse budget was not approved."));

    assertFalse(context.contradicts(terms("warehouse inventory forecast approved"), false, false));
  }

  @Test
  void contradicts_agreesWithComparingEverySentenceInTurn() {
    Random random = new Random(7);
    String[] words = ("warehouse inventory forecast budget approved revenue growth region "
        + "release incident not never only").split(" ");
    for (int round = 0; round < 300; round++) {
      List<String> sources = List.of(text(random, words, 6), text(random, words, 3));
      ContextSentences context = new ContextSentences(sources);
      Set<String> claim = terms(sentence(random, words));
      boolean negated = random.nextBoolean();

      assertEquals(
          bruteForce(sources, claim, negated),
          context.contradicts(claim, negated, false),
          "sources " + sources + " claim " + claim + " negated " + negated);
    }
  }

  private static String text(Random random, String[] words, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      text.append(sentence(random, words)).append(". ");
    }
    return text.toString();
  }

  private static String sentence(Random random, String[] words) {
    StringBuilder sentence = new StringBuilder("The");
    for (int i = 0; i < 3 + random.nextInt(4); i++) {
      sentence.append(' ').append(words[random.nextInt(words.length)]);
    }
    return sentence.toString();
  }

  private static Set<String> terms(String text) {
    Set<String> terms = new HashSet<>();
    for (Token token : Tokenizer.tokenize(text)) {
      if (!GroundednessScorer.isNegation(token)
          && !ContextSentences.RESTRICTIVE.contains(token.text())
          && !Lexicon.STOPWORDS.contains(token.text())) {
        terms.add(TermSet.term(token));
      }
    }
    return terms;
  }

  // The definition: the first sentence with the highest share of the claim's terms decides.
  private static boolean bruteForce(List<String> sources, Set<String> claim, boolean negated) {
    if (claim.size() < 3) {
      return false;
    }
    double best = 0;
    boolean bestNegative = false;
    boolean bestRestricted = false;
    for (String source : sources) {
      for (int[] span : Sentences.claims(source)) {
        List<Token> tokens = Tokenizer.tokenize(source.substring(span[0], span[1]));
        Set<String> sentence = new HashSet<>();
        boolean negative = false;
        boolean restricted = false;
        for (Token token : tokens) {
          if (GroundednessScorer.isNegation(token)) {
            negative = true;
          } else if (ContextSentences.RESTRICTIVE.contains(token.text())) {
            restricted = true;
          } else if (token.number() || !Lexicon.STOPWORDS.contains(token.text())) {
            sentence.add(TermSet.term(token));
          }
        }
        List<String> shared = new ArrayList<>(claim);
        shared.retainAll(sentence);
        double overlap = shared.size() / (double) claim.size();
        if (overlap > best) {
          best = overlap;
          bestNegative = negative;
          bestRestricted = restricted;
        }
      }
    }
    return best >= 0.6 && !bestRestricted && bestNegative != negated;
  }
}
