package dev.argus.server.webhook;

import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.core.correction.CorrectionTemplates;
import dev.argus.server.config.Durations;
import dev.argus.server.config.EndpointText;
import dev.argus.server.config.SecretValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the correction webhooks need: policy, templates and delivery.
 *
 * @param enabled false turns correction events off entirely
 * @param policy the loop-safety policy ({@code max_attempts})
 * @param templates instruction text per dimension
 * @param dedupeWindow how long a (trace id, span id) pair is remembered so a re-sent batch yields
 *     one event (default 10m)
 * @param subscribers the endpoints; when empty, events go to {@code localFile}
 * @param localFile JSONL file for events when no subscriber is configured (default {@code
 *     ./argus-corrections.jsonl})
 * @param timeout per-attempt HTTP timeout, connect included (default 10s)
 * @param queueSize pending deliveries per subscriber before new ones overflow to the dead-letter
 *     file (default 10000)
 * @param retry backoff and maximum age
 * @param breaker per-subscriber circuit breaker
 * @param deadLetterFile JSONL file of deliveries that gave up (default {@code
 *     ./argus-dead-letters.jsonl})
 * @param localFileMaxMib size in MiB at which {@code localFile} is rotated to {@code
 *     <localFile>.1}, replacing the previous one, so the events take at most twice this on disk
 *     (default 64)
 */
public record CorrectionConfig(
    boolean enabled,
    CorrectionPolicy policy,
    CorrectionTemplates templates,
    Duration dedupeWindow,
    List<SubscriberConfig> subscribers,
    Path localFile,
    Duration timeout,
    int queueSize,
    RetryConfig retry,
    BreakerConfig breaker,
    Path deadLetterFile,
    int localFileMaxMib) {

  /** Default {@link #localFile()}. */
  public static final Path DEFAULT_LOCAL_FILE = Path.of("argus-corrections.jsonl");

  /** Default {@link #deadLetterFile()}. */
  public static final Path DEFAULT_DEAD_LETTER_FILE = Path.of("argus-dead-letters.jsonl");

  /** Default {@link #localFileMaxMib()}. */
  public static final int DEFAULT_LOCAL_FILE_MAX_MIB = 64;

  /** Default {@link #dedupeWindow()}. */
  public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofMinutes(10);

  /** Default {@link #timeout()}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@link #queueSize()}. */
  public static final int DEFAULT_QUEUE_SIZE = 10_000;

  /** Validates the components. */
  public CorrectionConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(localFile, "localFile");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(deadLetterFile, "deadLetterFile");
    subscribers = List.copyOf(subscribers);
    Set<String> names = new HashSet<>();
    for (SubscriberConfig subscriber : subscribers) {
      if (!names.add(subscriber.name())) {
        throw new IllegalArgumentException(
            "correction.webhooks.subscribers: duplicate name "
                + subscriber.name()
                + " (expected: unique names)");
      }
    }
    if (dedupeWindow == null || dedupeWindow.isNegative() || dedupeWindow.isZero()) {
      throw new IllegalArgumentException(
          "correction.dedupe_window: " + dedupeWindow + " (expected: > 0)");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "correction.webhooks.timeout: " + timeout + " (expected: > 0)");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException(
          "correction.webhooks.sending_queue.queue_size: " + queueSize + " (expected: > 0)");
    }
    if (localFileMaxMib < 1) {
      throw new IllegalArgumentException(
          "correction.local_file_max_mib: " + localFileMaxMib + " (expected: > 0)");
    }
  }

  /**
   * Returns the effective settings as {@code key=value} pairs for the startup log; subscriber
   * secrets are never included.
   */
  public String describe() {
    StringBuilder text =
        new StringBuilder()
            .append("correction.enabled=")
            .append(enabled)
            .append(" correction.max_attempts=")
            .append(policy.maxAttempts())
            .append(" correction.dedupe_window=")
            .append(Durations.format(dedupeWindow));
    if (subscribers.isEmpty()) {
      text.append(" correction.local_file=")
          .append(localFile)
          .append(" correction.local_file_max_mib=")
          .append(localFileMaxMib);
      return text.toString();
    }
    for (SubscriberConfig subscriber : subscribers) {
      text.append(" correction.webhooks.subscribers.")
          .append(subscriber.name())
          .append(".endpoint=")
          .append(EndpointText.safe(subscriber.endpoint().toString()))
          .append(" correction.webhooks.subscribers.")
          .append(subscriber.name())
          .append(".secret=")
          .append(SecretValues.REDACTED);
    }
    return text.append(" correction.webhooks.timeout=")
        .append(Durations.format(timeout))
        .append(" correction.webhooks.sending_queue.queue_size=")
        .append(queueSize)
        .append(" correction.webhooks.retry_on_failure.max_elapsed_time=")
        .append(Durations.format(retry.maxElapsedTime()))
        .append(" correction.webhooks.dead_letter_file=")
        .append(deadLetterFile)
        .toString();
  }

  /** Returns the defaults: enabled, no subscriber, events to {@link #DEFAULT_LOCAL_FILE}. */
  public static CorrectionConfig defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this config. */
  public Builder toBuilder() {
    return new Builder()
        .setEnabled(enabled)
        .setPolicy(policy)
        .setTemplates(templates)
        .setDedupeWindow(dedupeWindow)
        .setSubscribers(subscribers)
        .setLocalFile(localFile)
        .setTimeout(timeout)
        .setQueueSize(queueSize)
        .setRetry(retry)
        .setBreaker(breaker)
        .setDeadLetterFile(deadLetterFile)
        .setLocalFileMaxMib(localFileMaxMib);
  }

  /** Mutable builder; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private CorrectionPolicy policy = CorrectionPolicy.defaults();
    private CorrectionTemplates templates = CorrectionTemplates.defaults();
    private Duration dedupeWindow = DEFAULT_DEDUPE_WINDOW;
    private List<SubscriberConfig> subscribers = List.of();
    private Path localFile = DEFAULT_LOCAL_FILE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private RetryConfig retry = RetryConfig.DEFAULT;
    private BreakerConfig breaker = BreakerConfig.DEFAULT;
    private Path deadLetterFile = DEFAULT_DEAD_LETTER_FILE;
    private int localFileMaxMib = DEFAULT_LOCAL_FILE_MAX_MIB;

    private Builder() {}

    /** Sets whether correction events are produced at all. */
    public Builder setEnabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets the loop-safety policy. */
    public Builder setPolicy(CorrectionPolicy policy) {
      this.policy = policy;
      return this;
    }

    /** Sets the instruction templates. */
    public Builder setTemplates(CorrectionTemplates templates) {
      this.templates = templates;
      return this;
    }

    /** Sets how long a (trace id, span id) pair is remembered. */
    public Builder setDedupeWindow(Duration dedupeWindow) {
      this.dedupeWindow = dedupeWindow;
      return this;
    }

    /** Sets the subscribers. */
    public Builder setSubscribers(List<SubscriberConfig> subscribers) {
      this.subscribers = subscribers;
      return this;
    }

    /** Sets the JSONL file used when there is no subscriber. */
    public Builder setLocalFile(Path localFile) {
      this.localFile = localFile;
      return this;
    }

    /** Sets the per-attempt HTTP timeout. */
    public Builder setTimeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Sets the pending deliveries per subscriber. */
    public Builder setQueueSize(int queueSize) {
      this.queueSize = queueSize;
      return this;
    }

    /** Sets the backoff. */
    public Builder setRetry(RetryConfig retry) {
      this.retry = retry;
      return this;
    }

    /** Sets the circuit breaker. */
    public Builder setBreaker(BreakerConfig breaker) {
      this.breaker = breaker;
      return this;
    }

    /** Sets the dead-letter file. */
    public Builder setDeadLetterFile(Path deadLetterFile) {
      this.deadLetterFile = deadLetterFile;
      return this;
    }

    /** Sets the size in MiB at which the local event file is rotated. */
    public Builder setLocalFileMaxMib(int localFileMaxMib) {
      this.localFileMaxMib = localFileMaxMib;
      return this;
    }

    /** Returns the validated config. */
    public CorrectionConfig build() {
      return new CorrectionConfig(
          enabled,
          policy,
          templates,
          dedupeWindow,
          subscribers,
          localFile,
          timeout,
          queueSize,
          retry,
          breaker,
          deadLetterFile,
          localFileMaxMib);
    }
  }
}
