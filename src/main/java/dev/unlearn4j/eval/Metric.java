package dev.unlearn4j.eval;

/** A metric over one split's predictions. Registered by name in {@code catalog.Metrics}. */
public interface Metric {
  MetricResult compute(Predictions p, EvalSpec spec);
}
