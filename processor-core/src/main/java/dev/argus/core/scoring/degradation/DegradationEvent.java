package dev.argus.core.scoring.degradation;

/**
 * A change of the sustained-degradation state of one service and model.
 *
 * @param serviceName {@code service.name}, empty when unknown
 * @param model the model, empty when unknown
 * @param degraded true when the breach ratio rose to the threshold, false when it recovered
 * @param breachRatio share of failed evaluations in the window
 * @param windowSize number of evaluations in the window
 * @param timeNanos ticker time of the evaluation that changed the state
 */
public record DegradationEvent(
    String serviceName,
    String model,
    boolean degraded,
    double breachRatio,
    int windowSize,
    long timeNanos) {}
