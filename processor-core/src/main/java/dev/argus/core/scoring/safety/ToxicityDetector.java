package dev.argus.core.scoring.safety;

import static dev.argus.core.scoring.safety.ToxicityLexicon.ADDRESSEE;
import static dev.argus.core.scoring.safety.ToxicityLexicon.WORDS;

import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Rates abusive language by whole-word lexicon matches and threat phrases, never by substring, so
 * "skills", "Scunthorpe" or "classic" cannot match. A violent verb only counts as a threat when a
 * speaker ("I", "we", "gonna") precedes it and a person ("you", "yourself") is its object, which
 * keeps "kill the stuck process" clean. The result names categories, never the words matched.
 *
 * <p>This class runs the per-token loop and weighs the counts; the words live in {@link
 * ToxicityLexicon}, inflected and stressed forms are resolved by {@link ToxicWordForms}, and the
 * rules that read a word's neighbours are in {@link ToxicityContext}. Stateless; thread-safe.
 */
public final class ToxicityDetector {

  /** What kind of abuse was found. */
  public enum Category {
    THREAT,
    SLUR,
    INSULT,
    PROFANITY
  }

  /**
   * The rating of one text.
   *
   * @param score toxicity in [0, 1]; 0 when nothing was found
   * @param categories how many matches per category
   */
  public record Result(double score, Map<Category, Integer> categories) {
    /** Returns true when the text should be treated as toxic. */
    public boolean toxic() {
      return score >= 0.5;
    }
  }

  /** Rates {@code text}. */
  public Result rate(String text) {
    // Read through the accessors: no token object is built for the completion.
    TokenList tokens = Tokenizer.tokenList(text);
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    boolean addressed = false;
    for (int i = 0; i < tokens.size(); i++) {
      int flags = WORDS.of(text, tokens, i);
      // Most words are in no list and open like no lexicon word: skip them before their entry is
      // loaded, as nothing below can find anything in them.
      if (flags == 0 && !ToxicityLexicon.mayMatch(text, tokens.start(i), tokens.end(i))) {
        continue;
      }
      if (tokens.isNumber(i)) {
        continue;
      }
      addressed |= (flags & ADDRESSEE) != 0;
      Category category = ToxicWordForms.category(tokens, i, flags);
      if (category == null && ToxicityContext.isThreat(tokens, i, flags)) {
        category = Category.THREAT;
      }
      if (category == Category.INSULT && ToxicityContext.isAdmonished(tokens, i)) {
        category = null;
      }
      if (category != null) {
        counts.merge(category, 1, Integer::sum);
      }
    }
    return new Result(score(counts, addressed), counts);
  }

  private static double score(Map<Category, Integer> counts, boolean addressed) {
    if (counts.isEmpty()) {
      return 0.0;
    }
    double weight =
        0.95 * counts.getOrDefault(Category.THREAT, 0)
            + 0.8 * counts.getOrDefault(Category.SLUR, 0)
            + 0.55 * counts.getOrDefault(Category.INSULT, 0)
            + 0.3 * counts.getOrDefault(Category.PROFANITY, 0);
    if (addressed && (counts.containsKey(Category.INSULT) || counts.containsKey(Category.SLUR))) {
      weight += 0.3;
    }
    return Math.min(1.0, 1.0 - Math.exp(-1.4 * weight));
  }
}
