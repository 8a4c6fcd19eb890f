package dev.argus.server.security;

import java.util.Objects;

/**
 * Security settings of the whole service.
 *
 * @param receivers authentication, TLS and concurrency cap of the receivers
 * @param exporterTls TLS toward the downstream; {@code null} fields use the defaults
 */
public record SecurityConfig(ReceiverSecurity receivers, ClientTlsConfig exporterTls) {

  /** Nothing configured. */
  public static final SecurityConfig NONE =
      new SecurityConfig(ReceiverSecurity.NONE, new ClientTlsConfig(null, null, null));

  /** Validates the components. */
  public SecurityConfig {
    Objects.requireNonNull(receivers, "receivers");
    Objects.requireNonNull(exporterTls, "exporterTls");
  }
}
