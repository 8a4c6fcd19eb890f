package dev.argus.server.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One line of the dead-letter file: a delivery ARGUS gave up on, with everything needed to send it
 * again byte for byte.
 *
 * @param subscriber the subscriber's name in config, or {@value
 *     LocalEventFile#DEAD_LETTER_SUBSCRIBER} for an event the local event file could not take
 * @param webhookId the {@code webhook-id} (the event id)
 * @param eventType the event type
 * @param createdAt when the event was created (ISO-8601)
 * @param deadAt when ARGUS gave up (ISO-8601)
 * @param attempts attempts made so far
 * @param lastStatus the last HTTP status, 0 when none arrived
 * @param reason {@code max_elapsed_time}, {@code rejected}, {@code queue_full}, {@code shutdown} or
 *     {@code local_file_unwritable}
 * @param lastError short description of the last failure
 * @param body the exact JSON body as text (UTF-8 when sent)
 */
record DeadLetter(
    @JsonProperty("subscriber") String subscriber,
    @JsonProperty("webhook_id") String webhookId,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("dead_at") String deadAt,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("last_status") int lastStatus,
    @JsonProperty("reason") String reason,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("body") String body) {

  DeadLetter {
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(body, "body");
  }
}
