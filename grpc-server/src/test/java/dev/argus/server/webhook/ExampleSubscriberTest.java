package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.argus.core.correction.ScannerPiiMasker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example subscriber under {@code deploy/examples} accepts what ARGUS sends and rejects a
 * forged signature. Runs when {@code node} is installed; skipped otherwise.
 */
class ExampleSubscriberTest {

  private static final String SECRET = "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=";
  private static final Path SCRIPT =
      Path.of("..", "deploy", "examples", "correction-subscriber", "subscriber.mjs");

  @TempDir Path directory;

  private Process node;
  private CorrectionDispatcher dispatcher;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (node != null) {
      node.destroy();
      node.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void exampleSubscriber_verifiesDeliveryAndRejectsForgery() throws Exception {
    assumeTrue(Files.exists(SCRIPT) && nodeAvailable(), "node or the example is not available");
    int port = freePort();
    start(port);
    awaitLine("correction subscriber on");
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/argus");
    dispatcher =
        new CorrectionDispatcher(
            CorrectionConfig.builder()
                .setSubscribers(
                    List.of(
                        new SubscriberConfig(
                            "example",
                            endpoint,
                            WebhookSigner.fromSecret(SECRET),
                            SubscriberFilter.ALL,
                            false)))
                .setDeadLetterFile(directory.resolve("dead.jsonl"))
                .build(),
            Clock.systemUTC(),
            Sleeper.SYSTEM,
            new FixedRandom(0.5),
            HttpClient.newHttpClient(),
            ScannerPiiMasker.withDefaults());

    String id = dispatcher.offer(TestCandidates.failed("b7ad6b7169203331")).orElseThrow();
    assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(10)));

    assertEquals(1, dispatcher.stats().delivered());
    assertTrue(awaitLine("event " + id + ": groundedness=0.3; retrying (attempt 1)"));
    HttpResponse<Void> forged =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint)
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                    .header("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(401, forged.statusCode());
  }

  private void start(int port) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true);
    builder.environment().put("ARGUS_WEBHOOK_SECRET", SECRET);
    builder.environment().put("SUBSCRIBER_PORT", Integer.toString(port));
    builder.environment().put("DRY_RUN", "1");
    node = builder.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process ended.
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  private boolean awaitLine(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nodeAvailable() {
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // Bound and released: the subscriber takes it a moment later.
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
