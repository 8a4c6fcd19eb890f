package dev.argus.server.security;

import dev.argus.core.enrich.ScanLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * Security settings of the whole service.
 *
 * @param receivers authentication, TLS and concurrency cap of the receivers
 * @param exporterTls TLS toward the downstream; {@code null} fields use the defaults
 * @param scoringTimeBudget longest scoring of one span; zero scores on the receiving thread without
 *     a budget
 * @param scoringMaxTextChars longest text of a call the scorers look at, in UTF-16 chars; text
 *     beyond it is not scanned; zero means no limit
 */
public record SecurityConfig(
    ReceiverSecurity receivers,
    ClientTlsConfig exporterTls,
    Duration scoringTimeBudget,
    int scoringMaxTextChars) {

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
    if (scoringMaxTextChars < 0) {
      throw new IllegalArgumentException(
          "scoringMaxTextChars: " + scoringMaxTextChars + " (expected: >= 0)");
    }
  }

  /** Creates settings with the default scoring text limit. */
  public SecurityConfig(
      ReceiverSecurity receivers, ClientTlsConfig exporterTls, Duration scoringTimeBudget) {
    this(receivers, exporterTls, scoringTimeBudget, ScanLimit.DEFAULT_MAX_CHARS);
  }
}
