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

/**
 * A content word of the answer is found in the context even when the context writes it as a
 * function word with the same stem ("current" / "currently", "provide" / "provided"), and a claim
 * made only of function words is found word by word.
 */
class FunctionWordStemsTest {

  private final GroundednessScorer scorer = new GroundednessScorer();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "The current office is Lisbon. | The office is currently in Lisbon.",
        "Lisbon offices provide parking. | Parking is provided by the Lisbon offices.",
        "Lisbon follows Berlin. | Berlin, following Lisbon, opened.",
        "And There Is More. | The show And There Is More is open."
      })
  void answerTerm_foundInContextFunctionWord(String completion, String context) {
    DimensionScore score = scorer.score(ScoringInput.of(call(completion, context)));

    assertTrue(score.applicable(), score.explanation());
    assertEquals(List.of(), score.evidence().get("unsupported_terms"), score.explanation());
    assertEquals(0, score.evidence().get("contradicted_claims"), score.explanation());
  }

  private static GenAiCall call(String completion, String context) {
    return GenAiCall.builder()
        .setOperation("chat")
        .setPrompt("Tell me about the offices.")
        .setCompletion(completion)
        .setContentStatus(ContentStatus.CAPTURED)
        .addRetrievedDocument(new RetrievedDocument("doc-1", null, context))
        .build();
  }
}
