package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calls an admin server on 127.0.0.1 with the JDK client, and reads its metrics. */
final class AdminClient {
  // name{labels} value, as the Prometheus text format writes a sample.
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;
  private final String authorization;

  AdminClient(int port) {
    this(port, null);
  }

  /** Creates a client that sends {@code authorization} as the Authorization header. */
  AdminClient(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  HttpResponse<String> post(String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return send("POST", path, contentType, body);
  }

  /** POSTs {@code body} as JSON without a Content-Length, in chunks. */
  HttpResponse<String> postChunked(String path, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** POSTs {@code body} with the header lines in {@code namesAndValues}: name, value, name, ... */
  HttpResponse<String> postWithHeaders(String path, byte[] body, String... namesAndValues)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .headers(namesAndValues)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(String method, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Scrapes {@code /metrics} and returns every sample by {@code name{labels}}; fails on a line that
   * is neither a comment nor a sample, or a sample whose family has no {@code # TYPE}.
   */
  Map<String, Double> metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + response.statusCode());
    }
    Map<String, Double> samples = new LinkedHashMap<>();
    Set<String> typed = new HashSet<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        typed.add(line.split(" ")[2]);
        continue;
      }
      if (line.isEmpty() || line.startsWith("# HELP ")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a sample: " + line);
      }
      String family = sample.group(1).replaceFirst("\\{.*", "");
      if (typed.stream().noneMatch(family::startsWith)) {
        throw new AssertionError("sample without # TYPE: " + line);
      }
      samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
    }
    return samples;
  }

  /** Returns how much the sample {@code key} grew between two scrapes; it must exist after. */
  static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
    assertTrue(after.containsKey(key), "no sample " + key + " in " + after.keySet());
    return after.get(key) - before.getOrDefault(key, 0.0);
  }
}
