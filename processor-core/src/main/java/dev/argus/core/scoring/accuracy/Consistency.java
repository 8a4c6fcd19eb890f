package dev.argus.core.scoring.accuracy;

import dev.argus.core.scoring.text.LocalTerms;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Internal consistency checks of one answer: wrong arithmetic ({@code 12 + 30 = 40}), shares of a
 * whole that add up to more than 100 %, and pairs of claims about the same thing that disagree in
 * polarity or in their numbers.
 */
final class Consistency {

  private static final int MAX_CLAIMS = 60;
  private static final int IF_HASH = "if".hashCode();
  private static final ThreadLocal<LocalTerms> TERMS = ThreadLocal.withInitial(LocalTerms::new);

  /** Jaccard overlap of two claims' terms above which they speak about the same thing. */
  private static final double SAME_TOPIC = 0.6;

  /** The problems found, as short machine-readable labels with a readable detail. */
  record Problem(String kind, String detail) {}

  private Consistency() {}

  static List<Problem> check(String text) {
    List<Problem> problems = new ArrayList<>();
    arithmetic(text, problems);
    claims(text, problems);
    return problems;
  }

  // Looks at every "=" and checks "a op b = c" around it, reading at most a few characters.
  private static void arithmetic(String text, List<Problem> problems) {
    int eq = text.indexOf('=');
    while (eq >= 0) {
      double[] left = new double[2];
      char op = leftExpression(text, eq, left);
      Double right = numberAfter(text, eq + 1);
      if (op != 0 && right != null) {
        double expected = apply(left[0], op, left[1]);
        if (!Double.isNaN(expected)
            && Math.abs(expected - right) > 1e-6 * Math.max(1, Math.abs(expected)) + 0.011) {
          problems.add(
              new Problem(
                  "arithmetic",
                  format(left[0])
                      + " "
                      + op
                      + " "
                      + format(left[1])
                      + " is "
                      + format(expected)
                      + ", not "
                      + format(right)));
        }
      }
      eq = text.indexOf('=', eq + 1);
    }
  }

  private static char leftExpression(String text, int eq, double[] out) {
    int i = eq - 1;
    while (i >= 0 && text.charAt(i) == ' ') {
      i--;
    }
    int end = i + 1;
    while (i >= 0 && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.') && end - i < 20) {
      i--;
    }
    if (i + 1 == end) {
      return 0;
    }
    out[1] = parse(text.substring(i + 1, end));
    while (i >= 0 && text.charAt(i) == ' ') {
      i--;
    }
    if (i < 0) {
      return 0;
    }
    char op = text.charAt(i);
    if ("+-*/x\u00d7".indexOf(op) < 0) {
      return 0;
    }
    i--;
    while (i >= 0 && text.charAt(i) == ' ') {
      i--;
    }
    end = i + 1;
    while (i >= 0 && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.') && end - i < 20) {
      i--;
    }
    if (i + 1 == end || i >= 0 && Character.isLetter(text.charAt(i))) {
      return 0;
    }
    out[0] = parse(text.substring(i + 1, end));
    return Double.isNaN(out[0]) || Double.isNaN(out[1]) ? 0 : op;
  }

  private static Double numberAfter(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int start = i;
    while (i < text.length()
        && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')
        && i - start < 20) {
      i++;
    }
    if (i == start || i < text.length() && Character.isLetter(text.charAt(i))) {
      return null;
    }
    double value = parse(text.substring(start, i));
    return Double.isNaN(value) ? null : value;
  }

  private static double parse(String number) {
    String trimmed = number.endsWith(".") ? number.substring(0, number.length() - 1) : number;
    try {
      return Double.parseDouble(trimmed);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static double apply(double a, char op, double b) {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '/':
        return b == 0 ? Double.NaN : a / b;
      default:
        return a * b;
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /**
   * What one claim states. {@code terms} and {@code numbers} are the call's term numbers of its
   * content words and of its numbers, each without repeats, in order of first use; their hashes do
   * not depend on that order and settle most set inequalities without reading the arrays.
   */
  private record Claim(
      int[] terms,
      int[] numbers,
      boolean negated,
      boolean restricted,
      double percent,
      int percents,
      int termsHash,
      int numbersHash) {

    Claim(
        int[] terms,
        int[] numbers,
        boolean negated,
        boolean restricted,
        double percent,
        int percents) {
      this(
          terms, numbers, negated, restricted, percent, percents, setHash(terms), setHash(numbers));
    }

    /** Returns true when the claim can conflict with another: it is about something, plainly. */
    boolean comparable() {
      return terms.length >= 3 && !restricted;
    }
  }

  private static void claims(String text, List<Problem> problems) {
    // Only comparable claims are paired; they keep their order, so the pairs are visited in the
    // same order as over all claims and the first conflict found is the same.
    List<Claim> comparable = new ArrayList<>();
    TokenList all = Tokenizer.tokenList(text);
    LocalTerms numbering = TERMS.get();
    numbering.clear();
    // Term numbers are below the token count, so one mark per token serves every set operation.
    Marks marks = new Marks(all.size());
    int from = 0;
    int claims = 0;
    for (int end : Sentences.claimEnds(text)) {
      if (claims >= MAX_CLAIMS) {
        break;
      }
      Claim claim = claim(text, all, from, end, numbering, marks);
      from = end;
      claims++;
      if (claim.percents >= 3 && claim.percent > 100.5) {
        problems.add(
            new Problem("impossible_total", "shares add up to " + format(claim.percent) + " %"));
      }
      if (claim.comparable()) {
        comparable.add(claim);
      }
    }
    for (int i = 0; i < comparable.size(); i++) {
      for (int j = i + 1; j < comparable.size(); j++) {
        String conflict = conflict(comparable.get(i), comparable.get(j), marks);
        if (conflict != null) {
          problems.add(new Problem("self_contradiction", conflict));
          return;
        }
      }
    }
  }

  private static Claim claim(
      String text, TokenList tokens, int from, int to, LocalTerms numbering, Marks marks) {
    int[] terms = new int[to - from];
    int termCount = 0;
    int[] numbers = new int[to - from];
    int numberCount = 0;
    boolean negated = false;
    boolean restricted = false;
    double percent = 0;
    int percents = 0;
    for (int i = from; i < to; i++) {
      if (tokens.isNumber(i)) {
        numbers[numberCount++] = numbering.add(tokens, i);
        int end = tokens.end(i);
        if (end < text.length() && text.charAt(end) == '%') {
          percent += parse(tokens.text(i));
          percents++;
        }
      } else if (tokens.isNegation(i)) {
        negated = true;
      } else if (tokens.isRestrictive(i)) {
        restricted = true;
      } else if (!tokens.isStopword(i)) {
        terms[termCount++] = numbering.add(tokens, i);
      } else if (isIf(tokens, i)) {
        // "if" is a function word: content words never need the comparison.
        restricted = true;
      }
    }
    return new Claim(
        marks.distinct(terms, termCount),
        marks.distinct(numbers, numberCount),
        negated,
        restricted,
        percent,
        percents);
  }

  // A condition makes the claim restricted. The hash is kept with the token, so nearly every other
  // function word is ruled out without reading its text.
  private static boolean isIf(TokenList tokens, int i) {
    return tokens.hash(i) == IF_HASH && "if".equals(tokens.text(i));
  }

  // A hash of a set of term numbers that ignores their order: a sum of well-mixed values.
  private static int setHash(int[] values) {
    int hash = 0;
    for (int value : values) {
      int mixed = value * 0x9E37_79B9;
      hash += mixed ^ (mixed >>> 16);
    }
    return hash;
  }

  // Two comparable claims conflict when they are about the same thing (their terms overlap by
  // SAME_TOPIC or more) and disagree in polarity, or when they have exactly the same terms and
  // different numbers. Most pairs are settled by lengths and hashes, without reading the arrays.
  private static String conflict(Claim a, Claim b, Marks marks) {
    if (a.negated == b.negated) {
      boolean sameTerms =
          a.termsHash == b.termsHash
              && a.terms.length == b.terms.length
              && marks.shared(a.terms, b.terms) == a.terms.length;
      return sameTerms && numbersDiffer(a, b, marks)
          ? "two statements about the same thing give different numbers"
          : null;
    }
    // The overlap is at most the shorter term list over the longer; the division is the one the
    // overlap itself would make when one list holds the other, so the bound is exact.
    int shorter = Math.min(a.terms.length, b.terms.length);
    int longer = Math.max(a.terms.length, b.terms.length);
    if (shorter / (double) longer < SAME_TOPIC) {
      return null;
    }
    int shared = marks.shared(a.terms, b.terms);
    double overlap = shared / (double) (a.terms.length + b.terms.length - shared);
    if (overlap < SAME_TOPIC) {
      return null;
    }
    return "two statements about the same thing disagree in polarity";
  }

  // Two number sets differ when both are non-empty, equally long and not equal.
  private static boolean numbersDiffer(Claim a, Claim b, Marks marks) {
    return a.numbers.length != 0
        && a.numbers.length == b.numbers.length
        && (a.numbersHash != b.numbersHash
            || marks.shared(a.numbers, b.numbers) != a.numbers.length);
  }

  /**
   * Set operations over one call's term numbers without sorting: each operation stamps the numbers
   * it has seen with a fresh mark, so nothing needs clearing between operations.
   */
  private static final class Marks {

    private final int[] stamps;
    private int stamp;

    Marks(int numbers) {
      stamps = new int[numbers];
    }

    // Returns values[0, count) without repeats, in order of first occurrence.
    int[] distinct(int[] values, int count) {
      stamp++;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        int value = values[i];
        if (stamps[value] != stamp) {
          stamps[value] = stamp;
          values[kept++] = value;
        }
      }
      return Arrays.copyOf(values, kept);
    }

    // Counts the values two arrays without repeats have in common.
    int shared(int[] a, int[] b) {
      stamp++;
      for (int value : a) {
        stamps[value] = stamp;
      }
      int shared = 0;
      for (int value : b) {
        if (stamps[value] == stamp) {
          shared++;
        }
      }
      return shared;
    }
  }
}
