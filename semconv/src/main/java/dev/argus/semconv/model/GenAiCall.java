package dev.argus.semconv.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One gen-AI call read out of telemetry, independent of the convention the producer used.
 *
 * <p>Text components are never null: an absent prompt or completion is the empty string, and {@link
 * #contentStatus()} says whether that absence means "nothing was said" or "nothing was captured".
 * Numeric components are null when the producer did not report them.
 *
 * @param convention name of the extractor that recognised the span (for example {@code otel.genai})
 * @param operation normalised {@code gen_ai.operation.name}, for example {@code chat}
 * @param provider normalised provider name in the {@code gen_ai.provider.name} vocabulary
 * @param requestModel model the request asked for
 * @param responseModel model that answered
 * @param responseId provider's response id
 * @param conversationId conversation or session id
 * @param systemInstructions system text, parts joined with {@code \n}
 * @param inputMessages the full input history in the order sent
 * @param prompt text of the last user message
 * @param retrievedContext documents the model was given as context
 * @param completion text of the evaluated output (text parts only)
 * @param toolCalls tool calls the output requested
 * @param finishReasons finish reasons normalised to {@code stop}, {@code length}, {@code
 *     content_filter}, {@code tool_call}, {@code error}
 * @param usage token counts
 * @param costUsd cost the producer reported, in US dollars
 * @param durationNanos span duration
 * @param requestedFormat the output format the request asked for ({@code json}, {@code text}) or
 *     null
 * @param errorType {@code error.type} or a status-derived error, null when the call succeeded
 * @param contentStatus whether content reached ARGUS
 * @param reasoning text of the output's reasoning parts; kept apart from the completion
 * @param contentFlags details about each side's content (truncated, unrecognised, redacted)
 */
public record GenAiCall(
    String convention,
    String operation,
    String provider,
    String requestModel,
    String responseModel,
    String responseId,
    String conversationId,
    String systemInstructions,
    List<ChatMessage> inputMessages,
    String prompt,
    List<RetrievedDocument> retrievedContext,
    String completion,
    List<ToolCall> toolCalls,
    List<String> finishReasons,
    TokenUsage usage,
    Double costUsd,
    long durationNanos,
    String requestedFormat,
    String errorType,
    ContentStatus contentStatus,
    String reasoning,
    Set<ContentFlag> contentFlags) {

  /** Copies lists and replaces absent text with the empty string. */
  public GenAiCall {
    reasoning = reasoning == null ? "" : reasoning;
    contentFlags =
        contentFlags == null || contentFlags.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(contentFlags));
    systemInstructions = systemInstructions == null ? "" : systemInstructions;
    prompt = prompt == null ? "" : prompt;
    completion = completion == null ? "" : completion;
    inputMessages = List.copyOf(inputMessages == null ? List.of() : inputMessages);
    retrievedContext = List.copyOf(retrievedContext == null ? List.of() : retrievedContext);
    toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
    finishReasons = List.copyOf(finishReasons == null ? List.of() : finishReasons);
    usage = usage == null ? TokenUsage.UNKNOWN : usage;
    contentStatus = contentStatus == null ? ContentStatus.NOT_CAPTURED : contentStatus;
  }

  /** Creates a call without reasoning text or content flags. */
  public GenAiCall(
      String convention,
      String operation,
      String provider,
      String requestModel,
      String responseModel,
      String responseId,
      String conversationId,
      String systemInstructions,
      List<ChatMessage> inputMessages,
      String prompt,
      List<RetrievedDocument> retrievedContext,
      String completion,
      List<ToolCall> toolCalls,
      List<String> finishReasons,
      TokenUsage usage,
      Double costUsd,
      long durationNanos,
      String requestedFormat,
      String errorType,
      ContentStatus contentStatus) {
    this(
        convention,
        operation,
        provider,
        requestModel,
        responseModel,
        responseId,
        conversationId,
        systemInstructions,
        inputMessages,
        prompt,
        retrievedContext,
        completion,
        toolCalls,
        finishReasons,
        usage,
        costUsd,
        durationNanos,
        requestedFormat,
        errorType,
        contentStatus,
        "",
        Set.of());
  }

  /** Returns true when {@code flag} was raised for this call's content. */
  public boolean hasFlag(ContentFlag flag) {
    return contentFlags.contains(flag);
  }

  /** Returns the model that answered, else the requested one, else null. */
  public String model() {
    return responseModel != null ? responseModel : requestModel;
  }

  /** Returns true when there is output text to evaluate. */
  public boolean hasCompletion() {
    return !completion.isEmpty();
  }

  /** Returns the retrieved context as one text, documents separated by blank lines. */
  public String contextText() {
    if (retrievedContext.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (RetrievedDocument document : retrievedContext) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append(document.content());
    }
    return text.toString();
  }

  /** Returns a builder with every component unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this call's components. */
  public Builder toBuilder() {
    return new Builder()
        .setConvention(convention)
        .setOperation(operation)
        .setProvider(provider)
        .setRequestModel(requestModel)
        .setResponseModel(responseModel)
        .setResponseId(responseId)
        .setConversationId(conversationId)
        .setSystemInstructions(systemInstructions)
        .setInputMessages(inputMessages)
        .setPrompt(prompt)
        .setRetrievedContext(retrievedContext)
        .setCompletion(completion)
        .setToolCalls(toolCalls)
        .setFinishReasons(finishReasons)
        .setUsage(usage)
        .setCostUsd(costUsd)
        .setDurationNanos(durationNanos)
        .setRequestedFormat(requestedFormat)
        .setErrorType(errorType)
        .setContentStatus(contentStatus)
        .setReasoning(reasoning)
        .setContentFlags(contentFlags);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String convention;
    private String operation;
    private String provider;
    private String requestModel;
    private String responseModel;
    private String responseId;
    private String conversationId;
    private String systemInstructions;
    private List<ChatMessage> inputMessages = new ArrayList<>();
    private String prompt;
    private List<RetrievedDocument> retrievedContext = new ArrayList<>();
    private String completion;
    private List<ToolCall> toolCalls = new ArrayList<>();
    private List<String> finishReasons = new ArrayList<>();
    private TokenUsage usage;
    private Double costUsd;
    private long durationNanos;
    private String requestedFormat;
    private String errorType;
    private ContentStatus contentStatus;
    private String reasoning;
    private Set<ContentFlag> contentFlags = Set.of();

    private Builder() {}

    /** Sets the name of the extractor that recognised the span. */
    public Builder setConvention(String convention) {
      this.convention = convention;
      return this;
    }

    /** Sets the normalised operation name. */
    public Builder setOperation(String operation) {
      this.operation = operation;
      return this;
    }

    /** Sets the normalised provider name. */
    public Builder setProvider(String provider) {
      this.provider = provider;
      return this;
    }

    /** Sets the requested model. */
    public Builder setRequestModel(String requestModel) {
      this.requestModel = requestModel;
      return this;
    }

    /** Sets the model that answered. */
    public Builder setResponseModel(String responseModel) {
      this.responseModel = responseModel;
      return this;
    }

    /** Sets the provider's response id. */
    public Builder setResponseId(String responseId) {
      this.responseId = responseId;
      return this;
    }

    /** Sets the conversation or session id. */
    public Builder setConversationId(String conversationId) {
      this.conversationId = conversationId;
      return this;
    }

    /** Sets the system instructions text. */
    public Builder setSystemInstructions(String systemInstructions) {
      this.systemInstructions = systemInstructions;
      return this;
    }

    /** Replaces the input history. */
    public Builder setInputMessages(List<ChatMessage> inputMessages) {
      this.inputMessages = new ArrayList<>(inputMessages);
      return this;
    }

    /** Sets the text of the last user message. */
    public Builder setPrompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** Replaces the retrieved context. */
    public Builder setRetrievedContext(List<RetrievedDocument> retrievedContext) {
      this.retrievedContext = new ArrayList<>(retrievedContext);
      return this;
    }

    /** Appends one retrieved document. */
    public Builder addRetrievedDocument(RetrievedDocument document) {
      this.retrievedContext.add(document);
      return this;
    }

    /** Sets the evaluated output text. */
    public Builder setCompletion(String completion) {
      this.completion = completion;
      return this;
    }

    /** Replaces the requested tool calls. */
    public Builder setToolCalls(List<ToolCall> toolCalls) {
      this.toolCalls = new ArrayList<>(toolCalls);
      return this;
    }

    /** Replaces the normalised finish reasons. */
    public Builder setFinishReasons(List<String> finishReasons) {
      this.finishReasons = new ArrayList<>(finishReasons);
      return this;
    }

    /** Sets the token counts. */
    public Builder setUsage(TokenUsage usage) {
      this.usage = usage;
      return this;
    }

    /** Sets the producer-reported cost in US dollars. */
    public Builder setCostUsd(Double costUsd) {
      this.costUsd = costUsd;
      return this;
    }

    /** Sets the span duration in nanoseconds. */
    public Builder setDurationNanos(long durationNanos) {
      this.durationNanos = durationNanos;
      return this;
    }

    /** Sets the output format the request asked for. */
    public Builder setRequestedFormat(String requestedFormat) {
      this.requestedFormat = requestedFormat;
      return this;
    }

    /** Sets the error type of a failed call. */
    public Builder setErrorType(String errorType) {
      this.errorType = errorType;
      return this;
    }

    /** Sets whether content reached ARGUS. */
    public Builder setContentStatus(ContentStatus contentStatus) {
      this.contentStatus = contentStatus;
      return this;
    }

    /** Sets the text of the output's reasoning parts. */
    public Builder setReasoning(String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    /** Replaces the content flags. */
    public Builder setContentFlags(Set<ContentFlag> contentFlags) {
      this.contentFlags = contentFlags == null ? Set.of() : Set.copyOf(contentFlags);
      return this;
    }

    /** Returns the call built so far. */
    public GenAiCall build() {
      return new GenAiCall(
          convention,
          operation,
          provider,
          requestModel,
          responseModel,
          responseId,
          conversationId,
          systemInstructions,
          inputMessages,
          prompt,
          retrievedContext,
          completion,
          toolCalls,
          finishReasons,
          usage,
          costUsd,
          durationNanos,
          requestedFormat,
          errorType,
          contentStatus,
          reasoning,
          contentFlags);
    }
  }
}
