package dev.unlearn4j.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The run's headline numbers, written as {@code summary.json}. Metric keys are {@code <split>.<metric>}; the
 * {@code oracle} block is empty when no oracle was trained. Timing and memory vary between identical runs; every
 * other field is reproducible under the same config and seed on CPU. {@code labelNames} are the dataset's class names
 * in label-index order (empty for sequence experiments), so that per-example labels and class metrics read by name.
 */
public record Summary(
    String experiment,
    String method,
    String model,
    String dataset,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labelNames,
    long seed,
    Map<String, Double> before,
    Map<String, Double> after,
    Map<String, Double> oracle,
    Map<String, Double> timing,
    Map<String, Long> memory) {

  /** A summary without class names (sequence experiments). */
  public Summary(String experiment, String method, String model, String dataset, long seed, Map<String, Double> before,
      Map<String, Double> after, Map<String, Double> oracle, Map<String, Double> timing, Map<String, Long> memory) {
    this(experiment, method, model, dataset, List.of(), seed, before, after, oracle, timing, memory);
  }
}
