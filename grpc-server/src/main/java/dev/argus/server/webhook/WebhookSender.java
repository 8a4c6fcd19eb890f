package dev.argus.server.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one signed POST of a delivery and classifies the result. 2xx is delivered; 408, 429 and
 * 5xx, timeouts and connection errors are retryable; every other status is permanent (the
 * subscriber rejected the event and will reject it again). Thread-safe.
 */
final class WebhookSender {

  static final String USER_AGENT = "argus-webhooks/1";

  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  WebhookSender(HttpClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Returns an HTTP client that never follows redirects, with {@code timeout} to connect. */
  static HttpClient newClient(Duration timeout) {
    return HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Sends {@code body} once, signed with a fresh timestamp; the id and body are the caller's and
   * stay the same across attempts.
   */
  DeliveryOutcome send(SubscriberConfig subscriber, String webhookId, byte[] body)
      throws InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(subscriber.endpoint())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("webhook-id", webhookId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", subscriber.signer().sign(webhookId, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    // The request timeout ends at the response headers; the overall deadline also covers a
    // subscriber that answers headers and then trickles its body.
    CompletableFuture<HttpResponse<Void>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return classify(pending.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      pending.cancel(true);
      return timedOut();
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return timedOut();
      }
      String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
      return DeliveryOutcome.retryable(0, cause.getClass().getSimpleName() + detail, null);
    }
  }

  private DeliveryOutcome timedOut() {
    return DeliveryOutcome.retryable(0, "timeout after " + timeout.toMillis() + "ms", null);
  }

  private DeliveryOutcome classify(HttpResponse<Void> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return DeliveryOutcome.delivered(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      Duration retryAfter =
          Backoff.parseRetryAfter(
              response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      return DeliveryOutcome.retryable(status, "HTTP " + status, retryAfter);
    }
    return DeliveryOutcome.permanent(status, "HTTP " + status);
  }
}
