package dev.unlearn4j.eval;

/** A metric over one split's predictions. Registered by name in {@link Metrics}. */
public interface Metric {
  MetricResult compute(Predictions p, EvalSpec spec);
}
