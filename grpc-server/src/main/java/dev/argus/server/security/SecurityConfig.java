package dev.argus.server.security;

import java.time.Duration;
import java.util.Objects;

/**
 * Security settings of the whole service.
 *
 * @param receivers authentication, TLS and concurrency cap of the receivers
 * @param exporterTls TLS toward the downstream; {@code null} fields use the defaults
 * @param scoringTimeBudget longest scoring of one span; zero scores on the receiving thread
 *     without a budget
 */
public record SecurityConfig(
    ReceiverSecurity receivers, ClientTlsConfig exporterTls, Duration scoringTimeBudget) {

  /** Nothing configured: no authentication, plaintext, default limits and scoring budget. */
  public static final SecurityConfig NONE =
      new SecurityConfig(
          ReceiverSecurity.NONE,
          new ClientTlsConfig(null, null, null),
          BudgetedEvaluator.DEFAULT_BUDGET);

  /** Validates the components. */
  public SecurityConfig {
    Objects.requireNonNull(receivers, "receivers");
    Objects.requireNonNull(exporterTls, "exporterTls");
    Objects.requireNonNull(scoringTimeBudget, "scoringTimeBudget");
  }
}
