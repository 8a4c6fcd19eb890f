package dev.argus.server.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the deliveries of the dead-letter file again, once each, with their original id and body
 * and a fresh timestamp and signature. Delivered entries leave the file; the others stay, with
 * their attempt count and last error updated. This is what the {@code replay-dead-letters} command
 * runs; it is safe while ARGUS itself is running and dead-lettering. Events that the local event
 * file could not take when they were created are appended to it now.
 */
public final class DeadLetterReplayer {

  private final CorrectionConfig config;
  private final WebhookSender sender;
  private final Clock clock;
  private final DeadLetterFile file;

  /** Creates a replayer for the subscribers and dead-letter file of {@code config}. */
  public DeadLetterReplayer(CorrectionConfig config) {
    this(config, WebhookSender.newClient(config.timeout()), Clock.systemUTC());
  }

  DeadLetterReplayer(CorrectionConfig config, HttpClient client, Clock clock) {
    this.config = config;
    this.sender = new WebhookSender(client, config.timeout(), clock);
    this.clock = clock;
    this.file = new DeadLetterFile(config.deadLetterFile(), CorrectionDispatcher.newMapper());
  }

  /**
   * The outcome of a replay.
   *
   * @param delivered entries a subscriber accepted; removed from the file
   * @param failed entries that failed again; kept
   * @param unknownSubscriber entries whose subscriber is no longer configured; kept
   */
  public record Result(int delivered, int failed, int unknownSubscriber) {

    /** Returns the entries still in the file. */
    public int remaining() {
      return failed + unknownSubscriber;
    }
  }

  /** Replays every entry of the dead-letter file; IOException when it cannot be read. */
  public Result replay() throws IOException, InterruptedException {
    Path taken = file.takeForReplay();
    if (taken == null) {
      return new Result(0, 0, 0);
    }
    Map<String, SubscriberConfig> subscribers =
        config.subscribers().stream()
            .collect(Collectors.toMap(SubscriberConfig::name, Function.identity()));
    List<DeadLetter> kept = new ArrayList<>();
    int delivered = 0;
    int failed = 0;
    int unknown = 0;
    List<DeadLetter> letters = file.read(taken);
    try {
      LocalEventFile local = LocalEventFile.of(config, new LongAdder());
      for (DeadLetter letter : letters) {
        if (letter.subscriber().equals(LocalEventFile.DEAD_LETTER_SUBSCRIBER)) {
          if (appended(local, letter)) {
            delivered++;
          } else {
            failed++;
            kept.add(letter);
          }
          continue;
        }
        SubscriberConfig subscriber = subscribers.get(letter.subscriber());
        if (subscriber == null) {
          unknown++;
          kept.add(letter);
          continue;
        }
        DeliveryOutcome outcome =
            sender.send(
                subscriber, letter.webhookId(), letter.body().getBytes(StandardCharsets.UTF_8));
        if (outcome.kind() == DeliveryOutcome.Kind.DELIVERED) {
          delivered++;
        } else {
          failed++;
          kept.add(updated(letter, outcome));
        }
      }
    } finally {
      // On interruption the unsent rest is kept too.
      kept.addAll(letters.subList(delivered + failed + unknown, letters.size()));
      file.appendAll(kept);
      Files.delete(taken);
    }
    return new Result(delivered, failed, unknown);
  }

  private static boolean appended(LocalEventFile local, DeadLetter letter) {
    try {
      local.append(letter.body().getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private DeadLetter updated(DeadLetter letter, DeliveryOutcome outcome) {
    return new DeadLetter(
        letter.subscriber(),
        letter.webhookId(),
        letter.eventType(),
        letter.createdAt(),
        Instant.now(clock).toString(),
        letter.attempts() + 1,
        outcome.status(),
        outcome.kind() == DeliveryOutcome.Kind.PERMANENT ? "rejected" : letter.reason(),
        outcome.error(),
        letter.body());
  }
}
