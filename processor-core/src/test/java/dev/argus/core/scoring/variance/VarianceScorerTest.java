package dev.argus.core.scoring.variance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VarianceScorerTest {

  private final AtomicLong now = new AtomicLong();
  private final VarianceScorer scorer =
      new VarianceScorer(new AnswerHistory(100, 5, Duration.ofMinutes(10), (Ticker) now::get));

  private DimensionScore score(String model, String prompt, String completion) {
    return scorer.score(
        ScoringInput.of(
            GenAiCall.builder()
                .setRequestModel(model)
                .setPrompt(prompt)
                .setCompletion(completion)
                .setContentStatus(ContentStatus.CAPTURED)
                .build()));
  }

  @Test
  void confidentSingleAnswer_scoresOne() {
    DimensionScore score = score("m", "When was it founded?", "It was founded in 1998.");

    assertEquals(1.0, score.value());
    assertEquals(0, score.evidence().get("hedges"));
  }

  @Test
  void hedgedAnswer_scoresBelowThreshold() {
    DimensionScore score =
        score("m", "When?", "I think it might be 1998, but I'm not sure; perhaps 1999.");

    assertTrue(score.value() < 0.5, score.toString());
  }

  @Test
  void repeatedPrompt_divergingAnswersLowerTheScore() {
    score("m", "Capital of Australia?", "The capital of Australia is Canberra.");
    DimensionScore same =
        score("m", "capital of  australia", "The capital of Australia is Canberra.");
    DimensionScore different =
        score("m", "Capital of Australia?", "Sydney, the largest harbour city, is the capital.");

    assertEquals(1.0, same.value(), 1e-9);
    assertEquals(1, same.evidence().get("compared_runs"));
    assertTrue(different.value() < 0.5, different.toString());
  }

  @Test
  void otherModelOrExpiredHistory_isNotCompared() {
    score("m", "Capital of Australia?", "Canberra.");
    DimensionScore otherModel = score("n", "Capital of Australia?", "Sydney.");
    now.addAndGet(Duration.ofMinutes(11).toNanos());
    DimensionScore expired = score("m", "Capital of Australia?", "Sydney.");

    assertFalse(otherModel.evidence().containsKey("compared_runs"));
    assertFalse(expired.evidence().containsKey("compared_runs"));
  }

  @Test
  void promptKey_ignoresLeadingAndTrailingBlanks() {
    assertEquals(
        VarianceScorer.normalisedHash("What is the capital?"),
        VarianceScorer.normalisedHash("  \n What is the   capital?  "));
  }

  @Test
  void promptKey_tellsWordsAndTheirOrderApart() {
    long key = VarianceScorer.normalisedHash("What is the capital of France?");
    assertNotEquals(key, VarianceScorer.normalisedHash("What is the capitol of France?"));
    assertNotEquals(key, VarianceScorer.normalisedHash("What is the France of capital?"));
    assertNotEquals(key, VarianceScorer.normalisedHash("What is thecapital of France?"));
    assertEquals(key, VarianceScorer.normalisedHash("what IS the capital, of France"));
  }

  private DimensionScore inTrace(String traceId, GenAiCall.Builder call) {
    return scorer.score(new ScoringInput(call.build(), null, null, traceId));
  }

  private static GenAiCall.Builder turn(String completion, String finishReason) {
    return GenAiCall.builder()
        .setRequestModel("m")
        .setPrompt("What's the weather in Paris?")
        .setCompletion(completion)
        .setFinishReasons(List.of(finishReason))
        .setContentStatus(ContentStatus.CAPTURED);
  }

  @Test
  void stepsOfOneTrace_areNotRepeatedRuns() {
    inTrace("t1", turn("Let me look up the current weather for Paris first.", "stop"));
    DimensionScore answer =
        inTrace("t1", turn("It is 18 degrees and sunny in Paris right now.", "stop"));

    assertEquals(1.0, answer.value(), 1e-9, answer.toString());
    assertFalse(answer.evidence().containsKey("compared_runs"), answer.toString());
  }

  @Test
  void toolRequestStep_isNeitherRecordedNorCompared() {
    inTrace(
        "t1",
        turn("Checking the weather service.", "tool_calls")
            .setToolCalls(List.of(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}"))));
    DimensionScore answer =
        inTrace("t2", turn("It is 18 degrees and sunny in Paris right now.", "stop"));
    DimensionScore again =
        inTrace("t3", turn("It is 18 degrees and sunny in Paris right now.", "stop"));

    assertFalse(answer.evidence().containsKey("compared_runs"), answer.toString());
    assertEquals(1, again.evidence().get("compared_runs"));
    assertEquals(1.0, again.value(), 1e-9);
  }

  @Test
  void conflictingShortFactualAnswers_scoreLow() {
    String question = "What is the capital of Australia?";
    score("m", question, "The capital of Australia is Canberra.");
    score("m", question, "The capital of Australia is Sydney.");
    DimensionScore third = score("m", question, "The capital of Australia is Melbourne.");

    assertEquals(2, third.evidence().get("compared_runs"));
    assertTrue(third.value() < 0.5, third.toString());
  }
}
