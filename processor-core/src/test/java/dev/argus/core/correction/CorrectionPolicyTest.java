package dev.argus.core.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorrectionPolicyTest {

  private static final Evaluation FAILED =
      new Evaluation(Map.of(), 0.1, Verdict.FAIL, List.of(), true, Map.of(), "default", "x");

  @Test
  void decide_belowMaximum_plans() {
    CorrectionPolicy policy = new CorrectionPolicy(2);

    assertEquals(Optional.of(CorrectionEventType.EVALUATION_FAILED), policy.decide(FAILED, 0));
    assertEquals(Optional.of(CorrectionEventType.EVALUATION_FAILED), policy.decide(FAILED, 1));
  }

  @Test
  void decide_atMaximum_isExhausted() {
    CorrectionPolicy policy = new CorrectionPolicy(2);

    assertEquals(Optional.of(CorrectionEventType.CORRECTION_EXHAUSTED), policy.decide(FAILED, 2));
    assertEquals(Optional.of(CorrectionEventType.CORRECTION_EXHAUSTED), policy.decide(FAILED, 9));
  }

  @Test
  void decide_notFailed_isEmpty() {
    Evaluation notEvaluated = Evaluation.notEvaluated("p", "no content");

    assertTrue(CorrectionPolicy.defaults().decide(notEvaluated, 0).isEmpty());
  }

  @Test
  void parseAttempt_acceptsIntegersAndTheirText() {
    assertEquals(3, CorrectionPolicy.parseAttempt(3L));
    assertEquals(2, CorrectionPolicy.parseAttempt(" 2 "));
    assertEquals(0, CorrectionPolicy.parseAttempt("two"));
    assertEquals(0, CorrectionPolicy.parseAttempt(-4L));
    assertEquals(0, CorrectionPolicy.parseAttempt(null));
  }

  @Test
  void constructor_negativeMaximum_namesKey() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new CorrectionPolicy(-1));

    assertEquals("correction.max_attempts: -1 (expected: >= 0)", error.getMessage());
  }

  @Test
  void templates_blankInstruction_namesKey() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CorrectionTemplates.defaults()
                    .withInstruction(dev.argus.core.scoring.Dimension.SAFETY, " "));

    assertEquals("correction.templates.safety:   (expected: non-blank text)", error.getMessage());
  }
}
