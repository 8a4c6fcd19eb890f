package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.safety.ToxicityDetector.Category;
import dev.argus.core.scoring.text.Lexicon;
import java.util.List;
import java.util.Set;

/**
 * The words {@link ToxicityDetector} knows and one flag table that answers every question it asks
 * about a token. The abuse lists and the small function-word lists of threats and admonitions are
 * kept apart from the rating so that a new word is added in one place, and are folded into a single
 * {@link WordFlags} so that a token is looked up once however many lists ask about it.
 *
 * <p>All tables are built once when the class loads and never change; thread-safe.
 */
final class ToxicityLexicon {

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
    "lynch"
  };
  private static final String[] SPEAKERS = {
    "i", "i'll", "i'm", "we", "we'll", "gonna", "gon", "will", "ima", "imma", "i'd"
  };
  // "them" is a target of threats, but a text about "them" is not addressed to the reader.
  private static final String[] ADDRESSEES = {
    "you", "u", "ya", "yourself", "urself", "your", "ur", "y'all", "yall", "him", "her"
  };
  private static final String[] TARGETS = {
    "you", "u", "ya", "yourself", "urself", "your", "ur", "y'all", "yall", "him", "her", "them"
  };
  private static final String[] DEATH_WISHES = {"die", "dead", "kys"};
  private static final String[] WISH_OPENERS = {"go", "should", "hope", "just", "u", "you"};

  /** Verbs that name a word rather than use it: "don't call anyone an idiot". */
  private static final String[] NAMING_VERBS = {
    "call", "calling", "say", "saying", "use", "using", "name", "label"
  };

  private static final String[] STOP_VERBS = {"stop", "avoid", "quit", "refrain"};

  // What the detector asks about a token, answered by one probe of WORDS. A word in several abuse
  // lists takes the strongest category, as the lexicon map does (slur over insult over profanity).
  static final int PROFANE = 1;
  static final int INSULTING = 1 << 1;
  static final int SLUR = 1 << 2;
  static final int VIOLENT = 1 << 3;
  static final int SPEAKER = 1 << 4;
  static final int TARGET = 1 << 5;
  static final int ADDRESSEE = 1 << 6;
  static final int DEATH_WISH = 1 << 7;
  static final int WISH_OPENER = 1 << 8;
  static final int NAMING_VERB = 1 << 9;
  static final int STOP_VERB = 1 << 10;
  static final WordFlags WORDS =
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

  // The first two letters of every lexicon word. Stripping an ending or a stressed repeat keeps a
  // word's first two letters, so a word whose opening pair starts no lexicon word cannot match:
  // most words are rejected with one array read instead of a dozen look-ups.
  private static final boolean[] OPENINGS = openings();

  private ToxicityLexicon() {}

  /** Returns the strongest abuse category among {@code flags}, null when they name none. */
  static Category categoryOf(int flags) {
    if ((flags & SLUR) != 0) {
      return Category.SLUR;
    }
    if ((flags & INSULTING) != 0) {
      return Category.INSULT;
    }
    return (flags & PROFANE) != 0 ? Category.PROFANITY : null;
  }

  /**
   * Returns false when the token at {@code start..end} of {@code text} cannot be an abuse word, nor
   * become one by losing an ending or a repeat; read from the source characters, as the tokenizer
   * lower-cases a word's ASCII letters and keeps its other ASCII characters.
   */
  static boolean mayMatch(String text, int start, int end) {
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

  /** As {@link #mayMatch(String, int, int)} for a token's lower-case text. */
  static boolean mayMatch(String word) {
    if (word.length() < 2) {
      return false;
    }
    char first = word.charAt(0);
    char second = word.charAt(1);
    return first >= 128 || second >= 128 || OPENINGS[first << 7 | second];
  }

  private static char lowerCase(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

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
}
