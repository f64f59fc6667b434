package dev.unlearn4j.eval;

import java.util.List;
import java.util.Map;

/**
 * Metrics of one model on several splits.
 *
 * @param aggregates {@code "<split>.<metric>"} → value, in split then metric order
 * @param rows per-example values
 * @param predictions each split's model outputs, by split name (for metrics that compare splits or models)
 */
public record EvalResult(Map<String, Double> aggregates, List<Row> rows, Map<String, Predictions> predictions) {
  /** One example's value of one metric. */
  public record Row(String split, String id, String metric, double value) {}
}
