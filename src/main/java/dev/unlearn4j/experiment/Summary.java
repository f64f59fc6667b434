package dev.unlearn4j.experiment;

import java.util.Map;

/**
 * The run's headline numbers, written as {@code summary.json}. Metric keys are {@code <split>.<metric>}; the
 * {@code oracle} block is empty when no oracle was trained. Timing and memory vary between identical runs; every
 * other field is reproducible under the same config and seed on CPU.
 */
public record Summary(
    String experiment,
    String method,
    String model,
    String dataset,
    long seed,
    Map<String, Double> before,
    Map<String, Double> after,
    Map<String, Double> oracle,
    Map<String, Double> timing,
    Map<String, Long> memory) {}
