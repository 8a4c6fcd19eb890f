package dev.argus.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.correction.CorrectionPlan;
import dev.argus.core.correction.FailedDimension;
import dev.argus.core.correction.PiiMasker;
import dev.argus.core.correction.PromptMessage;
import dev.argus.core.correction.RewrittenPrompt;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.ToolCall;
import java.time.format.DateTimeFormatter;

/**
 * Encodes a {@link CorrectionEvent} as the JSON body described by {@code
 * deploy/schemas/correction-event.schema.json}. The bytes returned are what is signed, sent,
 * retried and dead-lettered; nothing re-serialises them. Thread-safe.
 */
final class CorrectionEventEncoder {

  private final ObjectMapper mapper;
  private final PiiMasker masker;

  CorrectionEventEncoder(ObjectMapper mapper, PiiMasker masker) {
    this.mapper = mapper;
    this.masker = masker;
  }

  /**
   * Returns the UTF-8 JSON body of {@code event}; with {@code includeContent} the prompt and
   * completion text are added, PII-masked.
   */
  byte[] encode(CorrectionEvent event, boolean includeContent) {
    ObjectNode root = mapper.createObjectNode();
    root.put("type", event.type().key());
    root.put("event_id", event.eventId());
    root.put("created_at", DateTimeFormatter.ISO_INSTANT.format(event.createdAt()));
    root.set("data", data(event, includeContent));
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      // A tree of strings, numbers, lists and maps always serialises.
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode data(CorrectionEvent event, boolean includeContent) {
    CorrectionCandidate candidate = event.candidate();
    GenAiCall call = candidate.call();
    Evaluation evaluation = candidate.evaluation();
    ObjectNode data = mapper.createObjectNode();
    data.put("trace_id", candidate.traceId());
    data.put("span_id", candidate.spanId());
    data.put("service", candidate.serviceName());
    data.put("model", call.model());
    data.put("request_model", call.requestModel());
    data.put("provider", call.provider());
    data.put("response_id", call.responseId());
    data.put("conversation_id", call.conversationId());
    data.put("correction_attempt", candidate.attempt());
    data.put("max_attempts", event.maxAttempts());
    data.put("verdict", evaluation.verdict().label());
    data.put("severity", event.severity().label());
    data.put("profile", evaluation.profile());
    data.put("composite", evaluation.composite());
    data.put("composite_failed", evaluation.compositeFailed());
    data.put("explanation", masker.mask(evaluation.explanation()));
    data.set("scores", scores(evaluation));
    data.set("failed_dimensions", failures(event.plan()));
    if (event.type() == CorrectionEventType.EVALUATION_FAILED) {
      data.set("correction_plan", plan(event.plan()));
    }
    if (includeContent) {
      ObjectNode content = data.putObject("content");
      content.put("prompt", masker.mask(call.prompt()));
      content.put("completion", masker.mask(call.completion()));
    }
    return data;
  }

  private ObjectNode scores(Evaluation evaluation) {
    ObjectNode scores = mapper.createObjectNode();
    for (Dimension dimension : Dimension.values()) {
      DimensionScore score = evaluation.scores().get(dimension);
      if (score != null && score.applicable()) {
        scores.put(dimension.key(), score.value());
      }
    }
    return scores;
  }

  private ArrayNode failures(CorrectionPlan plan) {
    ArrayNode failures = mapper.createArrayNode();
    for (FailedDimension failure : plan.failures()) {
      ObjectNode node = failures.addObject();
      node.put("dimension", failure.dimension().key());
      node.put("score", failure.score());
      node.put("threshold", failure.threshold());
      node.put("explanation", failure.explanation());
      node.set("evidence", mapper.valueToTree(failure.evidence()));
    }
    return failures;
  }

  private ObjectNode plan(CorrectionPlan plan) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode instructions = node.putArray("instructions");
    plan.instructions().forEach(instructions::add);
    node.set("rewritten_prompt", prompt(plan.rewrittenPrompt()));
    return node;
  }

  private ObjectNode prompt(RewrittenPrompt prompt) {
    ObjectNode node = mapper.createObjectNode();
    if (prompt.model() != null) {
      node.put("model", prompt.model());
    }
    ArrayNode messages = node.putArray("messages");
    for (PromptMessage message : prompt.messages()) {
      messages.add(message(message));
    }
    if (prompt.responseFormat() != null) {
      node.putObject("response_format").put("type", prompt.responseFormat());
    }
    return node;
  }

  // OpenAI chat-completions message shape, so the prompt can be POSTed unchanged.
  private ObjectNode message(PromptMessage message) {
    ObjectNode node = mapper.createObjectNode();
    node.put("role", message.role());
    node.put("content", message.content());
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode callNode = calls.addObject();
        callNode.put("id", call.id());
        callNode.put("type", "function");
        callNode
            .putObject("function")
            .put("name", call.name())
            .put("arguments", call.arguments() == null ? "{}" : call.arguments());
      }
    }
    if (message.toolCallId() != null) {
      node.put("tool_call_id", message.toolCallId());
    }
    return node;
  }
}
