package dev.argus.server.webhook;

import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.Severity;
import java.util.Objects;
import java.util.Set;

/**
 * Which events a subscriber receives. An empty set means "any".
 *
 * @param eventTypes event types to deliver
 * @param dimensions deliver when at least one of these dimensions failed
 * @param minSeverity deliver only events at least this severe
 * @param serviceNames {@code service.name} values to deliver for
 * @param models request or response models to deliver for
 */
public record SubscriberFilter(
    Set<CorrectionEventType> eventTypes,
    Set<Dimension> dimensions,
    Severity minSeverity,
    Set<String> serviceNames,
    Set<String> models) {

  /** A filter that accepts every event. */
  public static final SubscriberFilter ALL =
      new SubscriberFilter(Set.of(), Set.of(), Severity.LOW, Set.of(), Set.of());

  /** Copies the sets. */
  public SubscriberFilter {
    eventTypes = Set.copyOf(eventTypes);
    dimensions = Set.copyOf(dimensions);
    Objects.requireNonNull(minSeverity, "minSeverity");
    serviceNames = Set.copyOf(serviceNames);
    models = Set.copyOf(models);
  }

  /** Returns true when {@code event} passes every part of this filter. */
  public boolean accepts(CorrectionEvent event) {
    return (eventTypes.isEmpty() || eventTypes.contains(event.type()))
        && (dimensions.isEmpty()
            || event.failedDimensions().stream().anyMatch(dimensions::contains))
        && event.severity().compareTo(minSeverity) >= 0
        && (serviceNames.isEmpty() || serviceNames.contains(event.serviceName()))
        && (models.isEmpty() || event.models().stream().anyMatch(models::contains));
  }
}
