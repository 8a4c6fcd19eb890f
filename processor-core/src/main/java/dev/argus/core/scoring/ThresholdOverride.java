package dev.argus.core.scoring;

import java.util.EnumMap;
import java.util.Map;

/**
 * Thresholds that apply to one service, one model, or one model of one service. A null selector
 * matches anything; an override naming both is more specific than one naming either.
 *
 * @param serviceName {@code service.name} to match, or null for any
 * @param model model to match (response model, else request model), or null for any
 * @param thresholds thresholds per dimension that replace the general ones
 * @param compositeThreshold composite threshold, or null to keep the general one
 */
public record ThresholdOverride(
    String serviceName,
    String model,
    Map<Dimension, Double> thresholds,
    Double compositeThreshold) {

  /** Copies the thresholds. */
  public ThresholdOverride {
    thresholds =
        thresholds == null || thresholds.isEmpty()
            ? Map.of()
            : Map.copyOf(new EnumMap<>(thresholds));
  }

  /** Returns true when this override applies to the service and model. */
  public boolean matches(String service, String callModel) {
    return (serviceName == null || serviceName.equals(service))
        && (model == null || model.equals(callModel));
  }

  /** Returns 2 when both selectors are set, 1 when one is, 0 when none is. */
  int specificity() {
    return (serviceName == null ? 0 : 1) + (model == null ? 0 : 1);
  }
}
