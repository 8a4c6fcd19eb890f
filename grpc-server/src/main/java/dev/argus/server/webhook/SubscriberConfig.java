package dev.argus.server.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * One application endpoint that receives correction events.
 *
 * @param name unique name, used in logs and in the dead-letter file to find the subscriber again
 * @param endpoint the URL events are POSTed to
 * @param signer signs with the subscriber's secret
 * @param filter which events it receives
 * @param includeContent true to add the prompt and completion text (PII-masked) to its events
 */
public record SubscriberConfig(
    String name,
    URI endpoint,
    WebhookSigner signer,
    SubscriberFilter filter,
    boolean includeContent) {

  /** Validates the components. */
  public SubscriberConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(filter, "filter");
  }
}
