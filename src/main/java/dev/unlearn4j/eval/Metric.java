package dev.unlearn4j.eval;

import dev.unlearn4j.catalog.Metrics;

/** A metric over one split's predictions. Registered by name in {@link Metrics}. */
public interface Metric {
  MetricResult compute(Predictions p, EvalSpec spec);
}
