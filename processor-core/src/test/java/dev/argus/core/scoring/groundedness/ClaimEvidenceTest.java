package dev.argus.core.scoring.groundedness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The evidence quotes an unsupported claim as written, closing punctuation included. */
class ClaimEvidenceTest {

  private final GroundednessScorer scorer = new GroundednessScorer();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Refunds are accepted within 90 days [doc-1]. | "
            + "Refunds are accepted within 90 days [doc-1]",
        "Refunds are accepted within 90 days (see doc-1) | "
            + "Refunds are accepted within 90 days (see doc-1)",
        "Support said \"refunds take 90 days\". | Support said \"refunds take 90 days\"",
        "  Refunds are accepted within 90 days [doc-1]!  | "
            + "Refunds are accepted within 90 days [doc-1]"
      })
  void unsupportedClaim_quotedWithItsBrackets(String completion, String claim) {
    GenAiCall call =
        GenAiCall.builder()
            .setOperation("chat")
            .setPrompt("How long do refunds take?")
            .setCompletion(completion)
            .setContentStatus(ContentStatus.CAPTURED)
            .addRetrievedDocument(
                new RetrievedDocument("doc-1", null, "Refunds are accepted within 30 days."))
            .build();

    DimensionScore score = scorer.score(ScoringInput.of(call));

    @SuppressWarnings("unchecked")
    List<String> claims = (List<String>) score.evidence().get("unsupported_claims");
    assertEquals(claim, claims.get(0), score.explanation());
    assertTrue(score.explanation().contains("\"" + claim + "\""), score.explanation());
  }
}
