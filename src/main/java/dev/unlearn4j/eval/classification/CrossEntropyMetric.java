package dev.unlearn4j.eval.classification;

import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.Metric;
import dev.unlearn4j.eval.MetricResult;
import dev.unlearn4j.eval.Predictions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mean cross-entropy −log softmax(z_i)[y_i] over the split, computed in double precision from the logits; per
 * example the loss itself (the LOSS score of membership inference).
 */
public final class CrossEntropyMetric implements Metric {
  @Override
  public MetricResult compute(Predictions p, EvalSpec spec) {
    Map<String, Double> per = new LinkedHashMap<>();
    double sum = 0;
    for (int i = 0; i < p.size(); i++) {
      double l = nll(p.logits()[i], p.labels()[i]);
      per.put(p.ids().get(i), l);
      sum += l;
    }
    return new MetricResult(p.size() == 0 ? Double.NaN : sum / p.size(), per);
  }

  /** −log softmax(z)[y], stable (log-sum-exp with the maximum subtracted). */
  public static double nll(double[] z, int y) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double s = 0;
    for (double v : z) {
      s += Math.exp(v - max);
    }
    return -(z[y] - max - Math.log(s));
  }
}
