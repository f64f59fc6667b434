package dev.unlearn4j.eval;

import java.util.Map;

/**
 * One metric on one split: the aggregate and, where the metric has one, each example's value (by example id, in
 * split order). Set-level metrics such as macro-F1 have no per-example values.
 */
public record MetricResult(double aggregate, Map<String, Double> perExample) {
  public static MetricResult aggregateOnly(double value) {
    return new MetricResult(value, Map.of());
  }
}
