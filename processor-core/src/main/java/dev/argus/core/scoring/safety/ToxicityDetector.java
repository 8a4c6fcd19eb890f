package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rates abusive language by whole-word lexicon matches and threat phrases, never by substring, so
 * "skills", "Scunthorpe" or "classic" cannot match. A violent verb only counts as a threat when a
 * speaker ("I", "we", "gonna") precedes it and a person ("you", "yourself") is its object, which
 * keeps "kill the stuck process" clean. The result names categories, never the words matched.
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

  private static final Set<String> SLURS =
      Lexicon.words(
          "nigger",
          "nigga",
          "niggah",
          "nigguh",
          "niglet",
          "faggot",
          "fag",
          "faggit",
          "fagget",
          "dyke",
          "tranny",
          "retard",
          "spic",
          "spick",
          "chink",
          "gook",
          "kike",
          "wetback",
          "beaner",
          "coon",
          "raghead",
          "towelhead",
          "sandnigger",
          "cracker",
          "redneck",
          "hillbilly",
          "honky",
          "jigaboo",
          "porchmonkey",
          "mongoloid",
          "paki",
          "wop",
          "dago",
          "queer",
          "homo",
          "lesbo",
          "shemale",
          "negro",
          "zipperhead",
          "chinaman",
          "wigger");
  private static final Set<String> INSULTS =
      Lexicon.words(
          "idiot",
          "moron",
          "stupid",
          "dumb",
          "dumbass",
          "imbecile",
          "loser",
          "worthless",
          "pathetic",
          "retarded",
          "scum",
          "scumbag",
          "jerk",
          "creep",
          "ugly",
          "disgusting",
          "useless",
          "clown",
          "fool",
          "dipshit",
          "douche",
          "douchebag",
          "lame",
          "lowlife",
          "skank",
          "thot",
          "tramp",
          "hoe",
          "ho",
          "hoes",
          "whore",
          "slut",
          "bitch",
          "biatch",
          "bitchass",
          "cunt",
          "twat",
          "wanker",
          "prick",
          "bastard",
          "asshole",
          "arsehole",
          "dickhead",
          "pussy",
          "coward",
          "freak",
          "weirdo",
          "trashy",
          "hater",
          "psycho",
          "nutjob",
          "degenerate",
          "vermin",
          "subhuman",
          "bimbo",
          "airhead");
  private static final Set<String> PROFANITY =
      Lexicon.words(
          "fuck",
          "fucking",
          "fucked",
          "fucker",
          "fuckin",
          "motherfucker",
          "mf",
          "fck",
          "fuk",
          "shit",
          "shitty",
          "bullshit",
          "crap",
          "damn",
          "goddamn",
          "ass",
          "arse",
          "dick",
          "cock",
          "piss",
          "pissed",
          "bollocks",
          "wtf",
          "stfu",
          "azz",
          "titties",
          "tits",
          "boobs",
          "thug",
          "pimp",
          "hoodrat",
          "ratchet",
          "nutsack",
          "jizz",
          "dildo",
          "horny");
  private static final String[] VIOLENT_VERBS = {
          "kill",
          "hurt",
          "shoot",
          "stab",
          "beat",
          "punch",
          "murder",
          "strangle",
          "rape",
          "destroy",
          "smash",
          "slap",
          "find",
          "bury",
          "end",
          "choke",
          "burn",
          "hang",
          "lynch"};
  private static final String[] SPEAKERS = {
    "i", "i'll", "i'm", "we", "we'll", "gonna", "gon", "will", "ima", "imma", "i'd"
  };
  // "them" is a target of threats, but a text about "them" is not addressed to the reader.
  private static final String[] ADDRESSEES = {
    "you", "u", "ya", "yourself", "urself", "your", "ur", "y'all", "yall", "him", "her"
  };
  private static final String[] TARGETS = {
          "you",
          "u",
          "ya",
          "yourself",
          "urself",
          "your",
          "ur",
          "y'all",
          "yall",
          "him",
          "her",
          "them"};
  private static final String[] DEATH_WISHES = {"die", "dead", "kys"};
  private static final String[] WISH_OPENERS = {"go", "should", "hope", "just", "u", "you"};

  /** Verbs that name a word rather than use it: "don't call anyone an idiot". */
  private static final String[] NAMING_VERBS = {
    "call", "calling", "say", "saying", "use", "using", "name", "label"
  };

  private static final String[] STOP_VERBS = {"stop", "avoid", "quit", "refrain"};

  // What rate() asks about a token, answered by one probe of WORDS. A word in several abuse lists
  // takes the strongest category, as the lexicon map does (slur over insult over profanity).
  private static final int PROFANE = 1;
  private static final int INSULTING = 1 << 1;
  private static final int SLUR = 1 << 2;
  private static final int VIOLENT = 1 << 3;
  private static final int SPEAKER = 1 << 4;
  private static final int TARGET = 1 << 5;
  private static final int ADDRESSEE = 1 << 6;
  private static final int DEATH_WISH = 1 << 7;
  private static final int WISH_OPENER = 1 << 8;
  private static final int NAMING_VERB = 1 << 9;
  private static final int STOP_VERB = 1 << 10;
  private static final WordFlags WORDS =
      WordFlags.builder(256)
          .add(PROFANE, PROFANITY)
          .add(INSULTING, INSULTS)
          .add(SLUR, SLURS)
          .add(VIOLENT, VIOLENT_VERBS)
          .add(SPEAKER, SPEAKERS)
          .add(TARGET, TARGETS)
          .add(ADDRESSEE, ADDRESSEES)
          .add(DEATH_WISH, DEATH_WISHES)
          .add(WISH_OPENER, WISH_OPENERS)
          .add(NAMING_VERB, NAMING_VERBS)
          .add(STOP_VERB, STOP_VERBS)
          .build();

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
      if (flags == 0 && !mayMatch(text, tokens.start(i), tokens.end(i))) {
        continue;
      }
      if (tokens.isNumber(i)) {
        continue;
      }
      addressed |= (flags & ADDRESSEE) != 0;
      Category category = category(tokens, i, flags);
      if (category == null && isThreat(tokens, i, flags)) {
        category = Category.THREAT;
      }
      if (category == Category.INSULT && isAdmonished(tokens, i)) {
        category = null;
      }
      if (category != null) {
        counts.merge(category, 1, Integer::sum);
      }
    }
    return new Result(score(counts, addressed), counts);
  }

  private static final String[] SUFFIXES = {"s", "es", "z", "ed", "ing", "in", "er", "ers", "y"};
  // The last letters of the endings: a word ending otherwise skips the ending loop.
  private static final String SUFFIX_LAST_LETTERS = lastLetters(SUFFIXES);

  private static String lastLetters(String[] suffixes) {
    StringBuilder letters = new StringBuilder();
    for (String suffix : suffixes) {
      letters.append(suffix.charAt(suffix.length() - 1));
    }
    return letters.toString();
  }

  // The first two letters of every lexicon word. Stripping an ending or a stressed repeat keeps a
  // word's first two letters, so a word whose opening pair starts no lexicon word cannot match:
  // most words are rejected with one array read instead of a dozen look-ups.
  private static final boolean[] OPENINGS = openings();

  private static boolean[] openings() {
    boolean[] openings = new boolean[128 * 128];
    for (Set<String> words : List.of(PROFANITY, INSULTS, SLURS)) {
      for (String word : words) {
        if (word.length() < 2 || word.charAt(0) >= 128 || word.charAt(1) >= 128) {
          throw new IllegalStateException("toxicity lexicon word outside ASCII: " + word);
        }
        openings[word.charAt(0) << 7 | word.charAt(1)] = true;
      }
    }
    return openings;
  }

  // mayMatch of a token's text read from its source characters: the tokenizer lower-cases a word's
  // ASCII letters and keeps its other ASCII characters, so an ASCII opening is tested as it is.
  private static boolean mayMatch(String text, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    char first = text.charAt(start);
    char second = text.charAt(start + 1);
    if (first >= 128 || second >= 128) {
      return true;
    }
    return OPENINGS[lowerCase(first) << 7 | lowerCase(second)];
  }

  private static char lowerCase(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static boolean mayMatch(String word) {
    if (word.length() < 2) {
      return false;
    }
    char first = word.charAt(0);
    char second = word.charAt(1);
    return first >= 128 || second >= 128 || OPENINGS[first << 7 | second];
  }

  private static Category categoryOf(int flags) {
    if ((flags & SLUR) != 0) {
      return Category.SLUR;
    }
    if ((flags & INSULTING) != 0) {
      return Category.INSULT;
    }
    return (flags & PROFANE) != 0 ? Category.PROFANITY : null;
  }

  // Exact word, or the word with a plural / verbal ending, or with a letter repeated for stress.
  // `flags` are the word's own: a lexicon word is found without the opening test.
  private static Category category(TokenList tokens, int i, int flags) {
    Category category = categoryOf(flags);
    String word = tokens.text(i);
    if (category != null || !mayMatch(word)) {
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

  // "Please don't call anyone an idiot", "stop calling people morons": a negated naming verb a few
  // words before the insult mentions it to forbid it. "Don't call me an idiot" still counts.
  private static boolean isAdmonished(TokenList tokens, int i) {
    for (int j = i - 1; j >= Math.max(1, i - 4); j--) {
      if (!has(tokens, j, NAMING_VERB)) {
        continue;
      }
      for (int k = j + 1; k < i; k++) {
        String word = tokens.text(k);
        if (word.equals("me") || word.equals("us")) {
          return false;
        }
      }
      for (int k = j - 1; k >= Math.max(0, j - 2); k--) {
        if (tokens.isNegation(k) || has(tokens, k, STOP_VERB)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  private static boolean isThreat(TokenList tokens, int i, int flags) {
    if ((flags & DEATH_WISH) != 0) {
      return hasBefore(tokens, i, 3, WISH_OPENER) && hasBefore(tokens, i, 4, TARGET);
    }
    if ((flags & VIOLENT) == 0) {
      return false;
    }
    return hasBefore(tokens, i, 3, SPEAKER) && hasAfter(tokens, i, 2, TARGET);
  }

  private static boolean has(TokenList tokens, int i, int flag) {
    return (WORDS.of(tokens, i) & flag) != 0;
  }

  private static boolean hasBefore(TokenList tokens, int i, int window, int flag) {
    for (int j = Math.max(0, i - window); j < i; j++) {
      if (has(tokens, j, flag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAfter(TokenList tokens, int i, int window, int flag) {
    for (int j = i + 1; j <= Math.min(tokens.size() - 1, i + window); j++) {
      if (has(tokens, j, flag)) {
        return true;
      }
    }
    return false;
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
