package dev.argus.core.scoring.groundedness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.text.TokenList;
import dev.argus.core.scoring.text.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer's citation markers, found once, place every token as reading around it does. */
class CitationMarkersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Refunds take 14 days [doc-1] and exchanges 30 days [kb-0142].",
        "See [a] [b-2][c3] and [not a marker] or [open only",
        "Nested [[doc-1]] and ]stray[ brackets, [x-" + "1234567890123456789012345678901234567] end",
        "[doc-7] opens the answer, then [12, 13] and [ref-2]",
        "No citations at all, 3.5 % of 1,200 items.",
        "A long marker [abcdefghijklmnopqrstuvwxyz-0123456789abc] and a short one [s-1]"
      })
  void agreesWithTheScanAroundEachToken(String answer) {
    TokenList tokens = Tokenizer.tokenList(answer);
    ClaimCheck.Scratch scratch = new ClaimCheck.Scratch(1, answer);
    for (int i = 0; i < tokens.size(); i++) {
      int start = tokens.start(i);
      int end = tokens.end(i);
      assertEquals(
          scanAround(answer, start, end),
          scratch.inCitation(start, end),
          "token '" + tokens.text(i) + "' at " + start);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Refunds take 14 days [doc-1]."})
  void placesMarkerTokensInsideAndProseOutside(String answer) {
    ClaimCheck.Scratch scratch = new ClaimCheck.Scratch(1, answer);
    int doc = answer.indexOf("doc");
    assertTrue(scratch.inCitation(doc, doc + 3));
    assertTrue(scratch.inCitation(doc + 4, doc + 5));
    int days = answer.indexOf("days");
    assertFalse(scratch.inCitation(days, days + 4));
  }

  // The reference: reads outwards from the token for the brackets, within the marker bound.
  private static boolean scanAround(String text, int start, int end) {
    int open = start - 1;
    int limit = Math.max(0, end - ClaimCheck.MAX_CITATION);
    while (open >= limit && ClaimCheck.isMarkerChar(text.charAt(open))) {
      open--;
    }
    if (open < limit || text.charAt(open) != '[') {
      return false;
    }
    int close = end;
    int bound = Math.min(text.length(), open + ClaimCheck.MAX_CITATION);
    while (close < bound && ClaimCheck.isMarkerChar(text.charAt(close))) {
      close++;
    }
    return close < bound && text.charAt(close) == ']';
  }
}
