package dev.argus.server.webhook;

import java.time.Duration;

/**
 * What one delivery attempt came to.
 *
 * @param kind delivered, failed and worth retrying, or failed for good
 * @param status the HTTP status, or 0 when no response arrived
 * @param error a short description for logs and the dead-letter file, never a payload
 * @param retryAfter the delay the subscriber asked for, or null
 */
record DeliveryOutcome(Kind kind, int status, String error, Duration retryAfter) {

  /** The three ways an attempt ends. */
  enum Kind {
    DELIVERED,
    RETRYABLE,
    PERMANENT
  }

  static DeliveryOutcome delivered(int status) {
    return new DeliveryOutcome(Kind.DELIVERED, status, null, null);
  }

  static DeliveryOutcome retryable(int status, String error, Duration retryAfter) {
    return new DeliveryOutcome(Kind.RETRYABLE, status, error, retryAfter);
  }

  static DeliveryOutcome permanent(int status, String error) {
    return new DeliveryOutcome(Kind.PERMANENT, status, error, null);
  }
}
