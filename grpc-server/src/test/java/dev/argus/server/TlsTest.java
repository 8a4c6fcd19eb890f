package dev.argus.server;

import static dev.argus.server.testing.FrontDoorFixture.export;
import static dev.argus.server.testing.FrontDoorFixture.load;
import static dev.argus.server.testing.FrontDoorFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.argus.server.testing.FrontDoorFixture;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.TestCertificates;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and mutual TLS on both receivers of a running ARGUS, and TLS with a client certificate on its
 * exporter, using real clients and a real TLS downstream.
 */
class TlsTest {
  @TempDir static Path certs;
  private static TestCertificates server;
  private static TestCertificates client;

  private final FrontDoorFixture argus = new FrontDoorFixture();
  private Server tlsDownstream;

  @BeforeAll
  static void createCertificates() throws Exception {
    server = TestCertificates.create(certs, "server");
    client = TestCertificates.create(certs, "client");
  }

  @AfterEach
  void tearDown() throws Exception {
    argus.close();
    if (tlsDownstream != null) {
      tlsDownstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void tls_receiverServesTlsOnly() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    argus.start(load(argus.forwarding(receiverTls(false), ""), Map.of()));

    export(tlsChannel(false), null);
    StatusRuntimeException plain =
        assertThrows(StatusRuntimeException.class, () -> export(argus.plaintext(), null));

    downstream.take();
    assertEquals(Status.Code.UNAVAILABLE, plain.getStatus().getCode());
  }

  @Test
  void mutualTls_receiverRequiresAClientCertificate() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    argus.start(load(argus.forwarding(receiverTls(true), ""), Map.of()));

    StatusRuntimeException anonymous =
        assertThrows(StatusRuntimeException.class, () -> export(tlsChannel(false), null));
    export(tlsChannel(true), null);

    assertEquals(Status.Code.UNAVAILABLE, anonymous.getStatus().getCode());
    downstream.take();
  }

  @Test
  void tls_httpReceiverServesHttpsOnly() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    argus.start(load(forwardingWithHttpTls(false), Map.of()));

    assertThrows(IOException.class, () -> postTraces("http", httpsClient(false)));
    assertEquals(200, postTraces("https", httpsClient(false)));

    downstream.take();
  }

  @Test
  void tls_httpReceiverNamesNoServer() throws Exception {
    argus.startDownstream();
    argus.start(load(forwardingWithHttpTls(false), Map.of()));
    URI uri = URI.create("https://127.0.0.1:" + argus.httpPort() + "/v1/traces");

    HttpResponse<String> response =
        httpsClient(false)
            .send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(405, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("Server"));
    assertEquals(Optional.empty(), response.headers().firstValue("X-Powered-By"));
  }

  @Test
  void mutualTls_httpReceiverRequiresAClientCertificate() throws Exception {
    RecordingCollector downstream = argus.startDownstream();
    argus.start(load(forwardingWithHttpTls(true), Map.of()));

    assertThrows(IOException.class, () -> postTraces("https", httpsClient(false)));
    assertEquals(200, postTraces("https", httpsClient(true)));

    downstream.take();
  }

  @Test
  void tls_exporterTrustsTheConfiguredCaAndPresentsItsClientCertificate() throws Exception {
    BlockingQueue<ExportTraceServiceRequest> received = new LinkedBlockingQueue<>();
    tlsDownstream =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.configure(
                        SslContextBuilder.forServer(
                                server.certFile().toFile(), server.keyFile().toFile())
                            .trustManager(client.certFile().toFile())
                            .clientAuth(ClientAuth.REQUIRE))
                    .build())
            .addService(
                new TraceServiceGrpc.TraceServiceImplBase() {
                  @Override
                  public void export(
                      ExportTraceServiceRequest request,
                      StreamObserver<ExportTraceServiceResponse> response) {
                    received.add(request);
                    response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter:\n"
            + "  otlp:\n"
            + "    endpoint: \"https://127.0.0.1:"
            + tlsDownstream.getPort()
            + "\"\n"
            + "    tls:\n"
            + "      ca_file: \""
            + server.certFile()
            + "\"\n"
            + "      cert_file: \""
            + client.certFile()
            + "\"\n"
            + "      key_file: \""
            + client.keyFile()
            + "\"\n";
    argus.start(load(yaml, Map.of()));

    export(argus.plaintext(), null);

    assertEquals(1, received.poll(10, TimeUnit.SECONDS).getResourceSpansCount());
  }

  /** Returns receiver lines serving the server certificate, optionally requiring client ones. */
  private static String receiverTls(boolean clientCertificates) {
    return "      tls:\n"
        + "        cert_file: \""
        + server.certFile()
        + "\"\n"
        + "        key_file: \""
        + server.keyFile()
        + "\"\n"
        + (clientCertificates ? "        client_ca_file: \"" + client.certFile() + "\"\n" : "");
  }

  private String forwardingWithHttpTls(boolean clientCertificates) {
    return argus
        .forwarding("")
        .replace(
            "  otlp:\n",
            "  otlp:\n    http:\n      endpoint: \"127.0.0.1:0\"\n"
                + receiverTls(clientCertificates));
  }

  /** Posts one trace request to the HTTP receiver and returns the status. */
  private int postTraces(String scheme, HttpClient http) throws Exception {
    URI uri = URI.create(scheme + "://127.0.0.1:" + argus.httpPort() + "/v1/traces");
    return http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request("https").toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static HttpClient httpsClient(boolean withClientCertificate) throws Exception {
    SslContextBuilder ssl =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .trustManager(server.certFile().toFile());
    if (withClientCertificate) {
      ssl.keyManager(client.certFile().toFile(), client.keyFile().toFile());
    }
    SSLContext context = ((JdkSslContext) ssl.build()).context();
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private ManagedChannel tlsChannel(boolean withClientCertificate) throws Exception {
    SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(server.certFile().toFile());
    if (withClientCertificate) {
      ssl.keyManager(client.certFile().toFile(), client.keyFile().toFile());
    }
    return argus.track(
        NettyChannelBuilder.forAddress("127.0.0.1", argus.grpcPort())
            .sslContext(ssl.build())
            .build());
  }
}
