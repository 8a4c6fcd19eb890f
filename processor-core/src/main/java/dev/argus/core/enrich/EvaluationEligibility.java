package dev.argus.core.enrich;

import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.extract.GenAiSpan;
import dev.argus.semconv.extract.SpanRole;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which gen-AI spans are model calls, whether a call carries content that can be judged
 * and, when it does not, the {@code argus.not_evaluated.reason} code and its explanation.
 */
final class EvaluationEligibility {
  static final String NO_CONTENT = "no prompt or completion content was captured";
  static final String NOT_RECEIVED =
      "the log records with the prompt and completion did not arrive within the hold window";
  static final String REDACTED = "prompt and completion were redacted by the producer";
  static final String TRUNCATED = "the output was cut by the producer's length limit";
  static final String NO_OUTPUT = "no output text, tool call or error to judge";

  private static final Set<String> UNSCORED_OPERATIONS =
      Set.of("embeddings", "embedding", "create_embeddings");

  private EvaluationEligibility() {}

  /** LLM calls and embeddings always; unclassified gen-AI spans only when they carry content. */
  static boolean isModelCall(GenAiSpan span) {
    return span.role() == SpanRole.LLM_CALL
        || span.role() == SpanRole.EMBEDDINGS
        || (span.role() == SpanRole.OTHER && hasContent(span.call()));
  }

  /** Returns true when {@code call} was captured with a prompt, a completion or tool calls. */
  static boolean hasContent(GenAiCall call) {
    return call.contentStatus() == ContentStatus.CAPTURED
        && (call.hasCompletion() || !call.prompt().isEmpty() || !call.toolCalls().isEmpty());
  }

  /**
   * Returns the reason code for not scoring {@code call}, or null when it can be scored. Without
   * judgeable text there is nothing to score; scoring it would invent numbers.
   */
  static String reasonNotToEvaluate(GenAiCall call) {
    if (UNSCORED_OPERATIONS.contains(lower(call.operation()))) {
      return ArgusAttributes.REASON_OPERATION_NOT_SCORED;
    }
    switch (call.contentStatus()) {
      case NOT_CAPTURED:
        return ArgusAttributes.REASON_CONTENT_NOT_CAPTURED;
      case REDACTED:
        return ArgusAttributes.REASON_CONTENT_REDACTED;
      case TRUNCATED:
        return ArgusAttributes.REASON_CONTENT_TRUNCATED;
      default:
        break;
    }
    if (!call.hasCompletion() && call.toolCalls().isEmpty() && call.errorType() == null) {
      return ArgusAttributes.REASON_NO_OUTPUT;
    }
    return null;
  }

  /** Returns the explanation written for a call left unscored with {@code reason}. */
  static String explanation(String reason, GenAiCall call) {
    switch (reason) {
      case ArgusAttributes.REASON_OPERATION_NOT_SCORED:
        return "operation not scored: " + lower(call.operation());
      case ArgusAttributes.REASON_CONTENT_NOT_CAPTURED:
        return NO_CONTENT;
      case ArgusAttributes.REASON_CONTENT_NOT_RECEIVED:
        return NOT_RECEIVED;
      case ArgusAttributes.REASON_CONTENT_REDACTED:
        return REDACTED;
      case ArgusAttributes.REASON_CONTENT_TRUNCATED:
        return TRUNCATED;
      default:
        return NO_OUTPUT;
    }
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
