package dev.argus.server;

import static dev.argus.server.testing.FrontDoorFixture.export;
import static dev.argus.server.testing.FrontDoorFixture.load;
import static dev.argus.server.testing.FrontDoorFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigException;
import dev.argus.server.testing.FrontDoorFixture;
import dev.argus.server.testing.RecordingCollector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer-token authentication of a running ARGUS on both receivers, with the token taken from the
 * environment or from a file, using real clients.
 */
class BearerTokenTest {
  private static final String TOKEN = "test-token-4f1c9a";

  @TempDir Path dir;

  private final FrontDoorFixture argus = new FrontDoorFixture();

  @AfterEach
  void tearDown() throws Exception {
    argus.close();
  }

  @Test
  void bearerToken_fromEnvironment_rejectsMissingAndWrongTokensAndNeverLogsIt() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    ArgusConfig config =
        load(
            argus.forwarding("auth: {bearer_token_env: ARGUS_TOKEN}\n"),
            Map.of("ARGUS_TOKEN", TOKEN));
    argus.start(config);
    ManagedChannel channel = argus.plaintext();

    StatusRuntimeException missing =
        assertThrows(StatusRuntimeException.class, () -> export(channel, null));
    StatusRuntimeException wrong =
        assertThrows(StatusRuntimeException.class, () -> export(channel, "Bearer nope"));
    export(channel, "Bearer " + TOKEN);

    assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
    assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
    assertEquals(
        "authorized", downstream.take().getResourceSpans(0).getScopeSpans(0).getSpans(0).getName());
    assertFalse(config.describe().contains(TOKEN), config.describe());
    assertFalse(config.toString().contains(TOKEN));
  }

  @Test
  void bearerToken_onTheHttpReceiverAnswers401WithoutTheToken() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    String yaml =
        argus
            .forwarding("auth: {bearer_token_env: ARGUS_TOKEN}\n")
            .replace("  otlp:\n", "  otlp:\n    http: {endpoint: \"127.0.0.1:0\"}\n");
    argus.start(load(yaml, Map.of("ARGUS_TOKEN", TOKEN)));
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + argus.httpPort() + "/v1/traces");
    byte[] body = request("authorized").toByteArray();

    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> authorized =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(401, anonymous.statusCode());
    assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(200, authorized.statusCode());
    downstream.take();
  }

  @Test
  void bearerToken_fromFile() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    argus.start(load(argus.forwarding("auth: {bearer_token_file: \"" + file + "\"}\n"), Map.of()));

    export(argus.plaintext(), "bearer " + TOKEN);

    downstream.take();
  }

  @Test
  void bearerToken_unreadableFileIsAConfigErrorNamingTheFile() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load("auth: {bearer_token_file: /no/such/token}\n", Map.of()));

    assertTrue(e.getMessage().contains("auth.bearer_token_file: /no/such/token"), e.getMessage());
  }
}
