package dev.argus.core.scoring.groundedness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faithful answers that cite, paraphrase or join supported facts pass groundedness. */
class FaithfulAnswersTest {

  private static final double PASS = 0.60;

  private final GroundednessScorer scorer = new GroundednessScorer();

  private DimensionScore score(String question, String completion, String... docs) {
    GenAiCall.Builder builder =
        GenAiCall.builder()
            .setOperation("chat")
            .setPrompt(question)
            .setCompletion(completion)
            .setContentStatus(ContentStatus.CAPTURED);
    for (int i = 0; i < docs.length; i++) {
      builder.addRetrievedDocument(new RetrievedDocument("kb-014" + (i + 2), null, docs[i]));
    }
    return scorer.score(ScoringInput.of(call(builder)));
  }

  private static GenAiCall call(GenAiCall.Builder builder) {
    return builder.build();
  }

  @Test
  void citationMarkers_areNotClaimTerms() {
    DimensionScore score =
        score(
            "How long are backups kept?",
            "Weekly snapshots are retained for 12 months [kb-0142].",
            "[kb-0142] Weekly snapshots are retained for 12 months.");
    assertTrue(score.value() >= 0.9, score.explanation());
    @SuppressWarnings("unchecked")
    List<String> terms = (List<String>) score.evidence().get("unsupported_terms");
    assertFalse(terms.contains("kb") || terms.contains("0142"), terms.toString());
    DimensionScore doc =
        score(
            "How long are backups kept?",
            "Weekly snapshots are retained for 12 months [doc-1].",
            "Weekly snapshots are retained for 12 months.");
    assertTrue(doc.value() >= 0.9, doc.explanation());
  }
}
