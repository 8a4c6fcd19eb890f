package dev.argus.semconv.extract;

import java.util.Locale;

/** The part a span plays in a gen-AI trace, whatever convention described it. */
public enum SpanRole {
  /** One call to a model that generates text (chat, completion, generate_content). */
  LLM_CALL,
  /** One execution (attempt) of a tool. */
  TOOL,
  /** An agent invocation; may repeat its children's content and aggregate usage. */
  AGENT,
  /** A retrieval or vector-store lookup. */
  RETRIEVAL,
  /** An embeddings call. */
  EMBEDDINGS,
  /** A multi-step workflow (invoke_workflow, OpenLLMetry workflow). */
  WORKFLOW,
  /** A framework chain (OpenInference CHAIN). */
  CHAIN,
  /** A task inside a workflow (OpenLLMetry task). */
  TASK,
  /** A library-level operation wrapping model calls (AI SDK {@code ai.generateText}). */
  OPERATION,
  /** Anything else, including spans that are not gen-AI at all. */
  OTHER;

  /** Returns the role implied by a normalised operation name; null gives {@link #OTHER}. */
  public static SpanRole ofOperation(String operation) {
    if (operation == null) {
      return OTHER;
    }
    return switch (operation.toLowerCase(Locale.ROOT)) {
      case "chat",
              "text_completion",
              "generate_content",
              "completion",
              "generate",
              "llm_request",
              "llm" ->
          LLM_CALL;
      case "execute_tool", "tool" -> TOOL;
      case "invoke_agent", "create_agent", "agent", "plan" -> AGENT;
      case "retrieval", "retriever", "vectordb", "search_memory" -> RETRIEVAL;
      case "embeddings", "embedding" -> EMBEDDINGS;
      case "invoke_workflow", "workflow" -> WORKFLOW;
      case "chain" -> CHAIN;
      case "task" -> TASK;
      default -> OTHER;
    };
  }
}
