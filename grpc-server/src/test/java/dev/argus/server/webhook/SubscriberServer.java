package dev.argus.server.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP subscriber on 127.0.0.1 and an ephemeral port. Answers with scripted responses in
 * order (then with the last one) and records every request it received.
 */
final class SubscriberServer implements AutoCloseable {

  /** One scripted answer. */
  record Reply(int status, Map<String, String> headers, long delayMillis) {
    static Reply status(int status) {
      return new Reply(status, Map.of(), 0);
    }
  }

  /** One received request, with the clock reading when it arrived. */
  record Received(Map<String, List<String>> headers, byte[] body, Instant at) {
    String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Deque<Reply> script;
  private final Clock clock;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private Reply last;

  SubscriberServer(Clock clock, Reply... replies) throws IOException {
    this.clock = clock;
    this.script = new ArrayDeque<>(List.of(replies));
    this.last = replies.length == 0 ? Reply.status(204) : replies[replies.length - 1];
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, clock.instant()));
    Reply reply;
    synchronized (this) {
      reply = script.isEmpty() ? last : script.poll();
    }
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(reply.status(), -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
