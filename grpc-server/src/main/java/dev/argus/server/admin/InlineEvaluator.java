package dev.argus.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.core.correction.CorrectionPlan;
import dev.argus.core.correction.CorrectionPlanner;
import dev.argus.core.correction.FailedDimension;
import dev.argus.core.correction.PromptMessage;
import dev.argus.core.correction.RewrittenPrompt;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers {@code POST /v1/evaluate}: scores one call with the same evaluator the pipeline uses,
 * decides {@code allow} or {@code block} by the configured policy, and adds the correction plan
 * when the call failed. Every explanation and piece of evidence in the answer is PII-masked; the
 * safety evidence carries kinds and counts only. Thread-safe.
 */
final class InlineEvaluator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Evaluator evaluator;
  private final CorrectionPlanner planner;
  private final AdminConfig config;

  InlineEvaluator(Evaluator evaluator, CorrectionPlanner planner, AdminConfig config) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The answer to one request. */
  record Answer(boolean block, ObjectNode body) {}

  /** Evaluates {@code input} and returns the answer body. */
  Answer evaluate(ScoringInput input) {
    Evaluation evaluation = evaluator.evaluate(input);
    List<String> blockedBy = blockedBy(evaluation);
    boolean block = !blockedBy.isEmpty();
    ObjectNode body = JSON.createObjectNode();
    body.put("decision", block ? "block" : "allow");
    body.set("blocked_by", strings(blockedBy));
    body.put("verdict", evaluation.verdict().label());
    putNumber(body, "composite", evaluation.composite());
    body.put("composite_failed", evaluation.compositeFailed());
    body.put("severity", evaluation.severity().label());
    ArrayNode failed = body.putArray("failed_dimensions");
    evaluation.failedDimensions().forEach(dimension -> failed.add(dimension.key()));
    body.put("explanation", planner.maskText(evaluation.explanation()));
    body.put("profile", evaluation.profile());
    body.set("dimensions", dimensions(evaluation));
    Optional<CorrectionPlan> plan = planner.plan(evaluation, input.call());
    body.set("correction", plan.map(InlineEvaluator::correction).orElse(null));
    return new Answer(block, body);
  }

  /**
   * Returns why the answer must be blocked: the failed dimensions named in {@code block_on}, and
   * {@code composite} when that is named and the composite failed; empty to allow. Only a {@code
   * fail} verdict blocks: a call that could not be scored is let through, as it is in the pipeline.
   */
  List<String> blockedBy(Evaluation evaluation) {
    List<String> reasons = new ArrayList<>();
    if (evaluation.verdict() != Verdict.FAIL) {
      return reasons;
    }
    for (Dimension dimension : evaluation.failedDimensions()) {
      if (config.blockOn().contains(dimension)) {
        reasons.add(dimension.key());
      }
    }
    if (config.blockOnComposite() && evaluation.compositeFailed()) {
      reasons.add("composite");
    }
    return reasons;
  }

  private ObjectNode dimensions(Evaluation evaluation) {
    ObjectNode dimensions = JSON.createObjectNode();
    for (Dimension dimension : Dimension.values()) {
      DimensionScore score = evaluation.scores().get(dimension);
      if (score == null) {
        continue;
      }
      ObjectNode node = dimensions.putObject(dimension.key());
      node.put("applicable", score.applicable());
      putNumber(node, "score", score.applicable() ? score.value() : null);
      putNumber(node, "threshold", evaluation.thresholds().get(dimension));
      node.put("failed", evaluation.failedDimensions().contains(dimension));
      node.put("severity", evaluation.severity(dimension).label());
      node.put("explanation", planner.maskText(score.explanation()));
      node.set("evidence", JSON.valueToTree(planner.sanitizedEvidence(score)));
    }
    return dimensions;
  }

  private static ObjectNode correction(CorrectionPlan plan) {
    ObjectNode node = JSON.createObjectNode();
    node.put("severity", plan.severity().label());
    ArrayNode failures = node.putArray("failures");
    for (FailedDimension failure : plan.failures()) {
      ObjectNode item = failures.addObject();
      item.put("dimension", failure.dimension().key());
      item.put("score", failure.score());
      putNumber(item, "threshold", failure.threshold());
      item.put("explanation", failure.explanation());
      item.set("evidence", JSON.valueToTree(failure.evidence()));
    }
    node.set("instructions", strings(plan.instructions()));
    RewrittenPrompt prompt = plan.rewrittenPrompt();
    ObjectNode rewritten = node.putObject("rewritten_prompt");
    rewritten.put("model", prompt.model());
    ArrayNode messages = rewritten.putArray("messages");
    for (PromptMessage message : prompt.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    rewritten.put("response_format", prompt.responseFormat());
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
