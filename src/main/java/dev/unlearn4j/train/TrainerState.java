package dev.unlearn4j.train;

import java.util.Map;

/**
 * Where training stands after a step or an epoch.
 *
 * @param phase what is being trained ("original", "oracle", "unlearn")
 * @param epoch current epoch, from 1
 * @param step global step within the phase, from 1
 * @param totalSteps steps the phase will take
 * @param loss total loss of the last step
 * @param terms each objective term's value at the last step
 * @param gradNorm global L2 norm of the last step's gradient before clipping
 */
public record TrainerState(
    String phase, int epoch, int step, int totalSteps, double loss, Map<String, Double> terms,
    double gradNorm) {}
