package dev.argus.server.admin;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Counters of {@code POST /v1/evaluate}: decisions and rejected requests. Thread-safe. */
final class InlineMetrics {
  private final CounterDataPoint allowed;
  private final CounterDataPoint blocked;
  private final CounterDataPoint invalid;

  InlineMetrics(PrometheusRegistry registry) {
    Counter decisions =
        Counter.builder()
            .name("argus_inline_evaluations_total")
            .help("Inline evaluations answered, by decision")
            .labelNames("decision")
            .withoutExemplars()
            .register(registry);
    allowed = decisions.labelValues("allow");
    blocked = decisions.labelValues("block");
    invalid =
        Counter.builder()
            .name("argus_inline_invalid_requests_total")
            .help("Inline evaluation requests rejected as malformed or too large")
            .withoutExemplars()
            .register(registry);
  }

  void decided(boolean block) {
    (block ? blocked : allowed).inc();
  }

  void invalid() {
    invalid.inc();
  }
}
