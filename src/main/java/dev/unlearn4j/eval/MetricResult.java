package dev.unlearn4j.eval;

import java.util.Map;

/**
 * One metric on one split: the aggregate and, where the metric has them, each example's value (by example id, in
 * split order) and named parts such as per-class values (reported as {@code <split>.<metric>.<part>}). Set-level
 * metrics such as macro-F1 have no per-example values.
 */
public record MetricResult(double aggregate, Map<String, Double> perExample, Map<String, Double> parts) {
  public MetricResult(double aggregate, Map<String, Double> perExample) {
    this(aggregate, perExample, Map.of());
  }

  public static MetricResult aggregateOnly(double value) {
    return new MetricResult(value, Map.of());
  }
}
