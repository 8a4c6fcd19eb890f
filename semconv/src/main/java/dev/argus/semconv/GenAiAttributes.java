package dev.argus.semconv;

/**
 * Attribute names of the {@code gen_ai.*} namespace, as defined by OpenTelemetry semantic
 * conventions v1.41.0 and the GenAI semantic-conventions repository (main, mid 2026).
 *
 * <p>Names that were renamed are kept {@link Deprecated} with a pointer to their replacement,
 * because producers keep emitting them long after the rename.
 */
public final class GenAiAttributes {

  /** Name of the operation being performed, for example {@code chat} or {@code execute_tool}. */
  public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";

  /** The gen-AI provider as identified by the instrumentation, for example {@code openai}. */
  public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";

  /**
   * The gen-AI product as identified by the instrumentation.
   *
   * @deprecated replaced by {@link #GEN_AI_PROVIDER_NAME} in v1.37.0.
   */
  @Deprecated public static final String GEN_AI_SYSTEM = "gen_ai.system";

  /** Name of the model the request was sent to. */
  public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";

  /** Name of the model that generated the response. */
  public static final String GEN_AI_RESPONSE_MODEL = "gen_ai.response.model";

  /** Unique identifier of the completion. */
  public static final String GEN_AI_RESPONSE_ID = "gen_ai.response.id";

  /** Reasons the model stopped generating tokens, one per choice. */
  public static final String GEN_AI_RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";

  /** Content type requested by the client: {@code text}, {@code json}, {@code image}, ... */
  public static final String GEN_AI_OUTPUT_TYPE = "gen_ai.output.type";

  /** The requested maximum number of output tokens. */
  public static final String GEN_AI_REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";

  /** The requested sampling temperature. */
  public static final String GEN_AI_REQUEST_TEMPERATURE = "gen_ai.request.temperature";

  /** Whether the response was requested as a stream. */
  public static final String GEN_AI_REQUEST_STREAM = "gen_ai.request.stream";

  /** System instructions given to the model separately from the chat history (parts array). */
  public static final String GEN_AI_SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";

  /** Chat history given to the model, in the order sent (messages array). */
  public static final String GEN_AI_INPUT_MESSAGES = "gen_ai.input.messages";

  /** Messages returned by the model, one per choice (messages array). */
  public static final String GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages";

  /** Tool definitions offered to the model. */
  public static final String GEN_AI_TOOL_DEFINITIONS = "gen_ai.tool.definitions";

  /** Identifier of a conversation (session, thread). */
  public static final String GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";

  /** Number of tokens in the input, including cached ones. */
  public static final String GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";

  /** Number of tokens in the output, including reasoning ones. */
  public static final String GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

  /** Input tokens served from the provider cache; a subset of the input tokens. */
  public static final String GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      "gen_ai.usage.cache_read.input_tokens";

  /** Input tokens written to the provider cache; a subset of the input tokens. */
  public static final String GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS =
      "gen_ai.usage.cache_write.input_tokens";

  /**
   * Input tokens written to the provider cache.
   *
   * @deprecated renamed {@link #GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS} on the GenAI main branch.
   */
  @Deprecated
  public static final String GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation.input_tokens";

  /** Output tokens spent on reasoning; a subset of the output tokens. */
  public static final String GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
      "gen_ai.usage.reasoning.output_tokens";

  /**
   * Number of tokens in the prompt.
   *
   * @deprecated replaced by {@link #GEN_AI_USAGE_INPUT_TOKENS} in v1.27.0.
   */
  @Deprecated public static final String GEN_AI_USAGE_PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";

  /**
   * Number of tokens in the completion.
   *
   * @deprecated replaced by {@link #GEN_AI_USAGE_OUTPUT_TOKENS} in v1.27.0.
   */
  @Deprecated
  public static final String GEN_AI_USAGE_COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";

  /** Total tokens, sent by some producers (OpenLLMetry, OpenLIT, Spring AI); not standard. */
  public static final String GEN_AI_USAGE_TOTAL_TOKENS = "gen_ai.usage.total_tokens";

  /** Cost of the call in US dollars, sent by OpenLIT and some gateways; not standard. */
  public static final String GEN_AI_USAGE_COST = "gen_ai.usage.cost";

  /**
   * The full prompt sent to the model.
   *
   * @deprecated replaced by {@link #GEN_AI_INPUT_MESSAGES} in v1.28.0 / v1.37.0.
   */
  @Deprecated public static final String GEN_AI_PROMPT = "gen_ai.prompt";

  /**
   * The full response received from the model.
   *
   * @deprecated replaced by {@link #GEN_AI_OUTPUT_MESSAGES} in v1.28.0 / v1.37.0.
   */
  @Deprecated public static final String GEN_AI_COMPLETION = "gen_ai.completion";

  /** Name of the agent. */
  public static final String GEN_AI_AGENT_NAME = "gen_ai.agent.name";

  /** Identifier of the agent. */
  public static final String GEN_AI_AGENT_ID = "gen_ai.agent.id";

  /** Name of the multi-agent workflow. */
  public static final String GEN_AI_WORKFLOW_NAME = "gen_ai.workflow.name";

  /** Name of the tool an {@code execute_tool} span ran. */
  public static final String GEN_AI_TOOL_NAME = "gen_ai.tool.name";

  /** Identifier of the tool call; shared by the retries of one call. */
  public static final String GEN_AI_TOOL_CALL_ID = "gen_ai.tool.call.id";

  /** Arguments passed to the tool (object preferred, string possible). */
  public static final String GEN_AI_TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";

  /** Result returned by the tool; present only on success. */
  public static final String GEN_AI_TOOL_CALL_RESULT = "gen_ai.tool.call.result";

  /** Identifier of the data source a retrieval span queried. */
  public static final String GEN_AI_DATA_SOURCE_ID = "gen_ai.data_source.id";

  /** Query text of a retrieval span. */
  public static final String GEN_AI_RETRIEVAL_QUERY_TEXT = "gen_ai.retrieval.query.text";

  /** Documents returned by a retrieval span ({@code id}, {@code score}, extra properties). */
  public static final String GEN_AI_RETRIEVAL_DOCUMENTS = "gen_ai.retrieval.documents";

  /**
   * JSON content of a per-message span event (Azure SDK, Semantic Kernel); not standard, the
   * per-message events carry it in the log record body.
   */
  public static final String GEN_AI_EVENT_CONTENT = "gen_ai.event.content";

  /** Class of error the operation ended with. */
  public static final String ERROR_TYPE = "error.type";

  /** Name of the event carried by a log record, as an attribute (older SDKs). */
  public static final String EVENT_NAME = "event.name";

  private GenAiAttributes() {}
}
