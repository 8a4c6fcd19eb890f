package dev.argus.core.scoring.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Splits text into claims: sentences, further cut at semicolons, colons before a clause, line
 * breaks, and ", and" / ", but" / ", so" joints, so that each piece states roughly one fact.
 */
public final class Sentences {

  // Scorers cut the same completion and context; reuse the spans of the last few strings.
  private static final int MEMO_SIZE = 8;
  private static final ThreadLocal<Object[]> MEMO =
      ThreadLocal.withInitial(() -> new Object[2 * MEMO_SIZE + 1]);

  private Sentences() {}

  /**
   * Returns the claim spans of {@code text} as {@code [start, end)} pairs, unmodifiable; callers
   * must not change the arrays.
   */
  public static List<int[]> claims(String text) {
    Object[] memo = MEMO.get();
    for (int i = 0; i < MEMO_SIZE; i++) {
      if (memo[2 * i] == text) {
        @SuppressWarnings("unchecked")
        List<int[]> cached = (List<int[]>) memo[2 * i + 1];
        return cached;
      }
    }
    List<int[]> spans = Collections.unmodifiableList(cut(text));
    int slot = memo[2 * MEMO_SIZE] == null ? 0 : (Integer) memo[2 * MEMO_SIZE];
    memo[2 * slot] = text;
    memo[2 * slot + 1] = spans;
    memo[2 * MEMO_SIZE] = (slot + 1) % MEMO_SIZE;
    return spans;
  }

  /**
   * Returns where the claims of {@code text} end in its {@link Tokenizer#tokenList tokens}: entry
   * {@code k} is the index after the last token of claim {@code k} of {@link #claims}. Every token
   * belongs to exactly one claim, so claim {@code k} holds the tokens from entry {@code k - 1} (0
   * for the first) up to entry {@code k}.
   */
  public static int[] claimEnds(String text) {
    TokenList tokens = Tokenizer.tokenList(text);
    ClaimCuts cuts = tokens.cuts();
    int[] ends = new int[cuts.size() + 1];
    int claims = 0;
    int tokensBefore = 0;
    for (int k = 0; k < cuts.size(); k++) {
      if (cuts.tokensBefore(k) > tokensBefore) {
        tokensBefore = cuts.tokensBefore(k);
        ends[claims++] = tokensBefore;
      }
    }
    if (tokens.size() > tokensBefore) {
      ends[claims++] = tokens.size();
    }
    return Arrays.copyOf(ends, claims);
  }

  // The tokenizer finds the cuts while it passes between tokens (callers tokenise the same text
  // anyway, and the per-thread memo hands its tokens back); a piece is a claim when a token lies
  // in it, that is when more tokens end before its cut than before the previous one.
  private static List<int[]> cut(String text) {
    TokenList tokens = Tokenizer.tokenList(text);
    ClaimCuts cuts = tokens.cuts();
    List<int[]> spans = new ArrayList<>(cuts.size() + 1);
    int start = 0;
    int tokensBefore = 0;
    for (int k = 0; k < cuts.size(); k++) {
      int at = cuts.offset(k);
      if (cuts.tokensBefore(k) > tokensBefore) {
        spans.add(new int[] {start, at});
        tokensBefore = cuts.tokensBefore(k);
      }
      start = at + 1;
    }
    if (tokens.size() > tokensBefore) {
      spans.add(new int[] {start, text.length()});
    }
    return spans;
  }
}
