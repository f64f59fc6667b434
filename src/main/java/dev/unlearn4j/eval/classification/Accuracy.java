package dev.unlearn4j.eval.classification;

import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.Metric;
import dev.unlearn4j.eval.MetricResult;
import dev.unlearn4j.eval.Predictions;
import java.util.LinkedHashMap;
import java.util.Map;

/** accuracy = (1/|S|)·Σ 𝟙[ŷ_i = y_i]; per example 1 or 0. NaN on an empty split. */
public final class Accuracy implements Metric {
  @Override
  public MetricResult compute(Predictions p, EvalSpec spec) {
    Map<String, Double> per = new LinkedHashMap<>();
    double correct = 0;
    for (int i = 0; i < p.size(); i++) {
      double c = p.predicted(i) == p.labels()[i] ? 1.0 : 0.0;
      per.put(p.ids().get(i), c);
      correct += c;
    }
    return new MetricResult(p.size() == 0 ? Double.NaN : correct / p.size(), per);
  }
}
