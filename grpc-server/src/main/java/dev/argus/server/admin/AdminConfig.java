package dev.argus.server.admin;

import dev.argus.core.scoring.Dimension;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the admin HTTP server ({@code extensions.admin}): metrics, health and the inline
 * evaluation API.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param maxRequestBodyBytes largest {@code POST /v1/evaluate} body accepted
 * @param blockOn the failed dimensions that turn an inline evaluation's decision into {@code block}
 * @param blockOnComposite whether a failed composite alone also blocks
 */
public record AdminConfig(
    String host,
    int port,
    int maxRequestBodyBytes,
    Set<Dimension> blockOn,
    boolean blockOnComposite) {

  /** Default address: loopback only, so nothing is exposed without a decision. */
  public static final String DEFAULT_ENDPOINT = "localhost:13133";

  /** Default body limit of the evaluation API, in KiB. */
  public static final int DEFAULT_MAX_REQUEST_BODY_KIB = 1024;

  /** Validates and copies the components. */
  public AdminConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    if (maxRequestBodyBytes <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBodyBytes: " + maxRequestBodyBytes + " (expected: > 0)");
    }
    blockOn = blockOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(blockOn));
  }
}
