package dev.argus.server.webhook;

import java.time.Instant;

/**
 * One event on its way to one subscriber. The id and body never change across attempts.
 *
 * @param webhookId the event id, sent as {@code webhook-id}
 * @param eventType the event type, for the dead-letter file
 * @param createdAt when the event was created; the maximum age counts from here
 * @param body the exact JSON bytes that are signed and sent
 * @param attemptsSoFar attempts made before this delivery was queued (non-zero on replay)
 */
record Delivery(
    String webhookId, String eventType, Instant createdAt, byte[] body, int attemptsSoFar) {}
