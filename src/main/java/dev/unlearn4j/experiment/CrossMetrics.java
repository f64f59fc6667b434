package dev.unlearn4j.experiment;

import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.Predictions;
import dev.unlearn4j.eval.classification.CrossEntropyMetric;
import dev.unlearn4j.eval.privacy.Auc;
import dev.unlearn4j.eval.privacy.KsTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics that compare splits or models rather than score one split: membership inference (forget vs test),
 * the distance to the retrained oracle, agreement with it, and forget quality.
 */
public final class CrossMetrics {
  private CrossMetrics() {}

  public static final String MIA_LOSS_AUC = Metrics.MIA_LOSS_AUC;
  public static final String ORACLE_GAP = Metrics.ORACLE_GAP;
  public static final String ORACLE_AGREEMENT = Metrics.ORACLE_AGREEMENT;
  public static final String FORGET_QUALITY = Metrics.FORGET_QUALITY;

  /**
   * Adds the requested cross metrics of {@code model} to its aggregates.
   *
   * @param oracle the oracle's evaluation, or null when none was trained (oracle metrics are then omitted)
   */
  public static Map<String, Double> compute(EvalResult model, EvalResult oracle, List<String> requested) {
    Map<String, Double> out = new LinkedHashMap<>(model.aggregates());
    Predictions forget = model.predictions().get("forget");
    if (requested.contains(MIA_LOSS_AUC) && model.predictions().containsKey("test")) {
      out.put("mia.loss_auc", Auc.of(losses(forget), losses(model.predictions().get("test"))));
    }
    if (oracle == null) {
      return out;
    }
    if (requested.contains(ORACLE_GAP)) {
      model.aggregates().forEach((k, v) -> {
        Double o = oracle.aggregates().get(k);
        if (o != null) {
          out.put("oracle_gap." + k, Math.abs(v - o));
        }
      });
    }
    if (requested.contains(ORACLE_AGREEMENT)) {
      for (var e : model.predictions().entrySet()) {
        Predictions o = oracle.predictions().get(e.getKey());
        int[] a = e.getValue().predicted();
        int[] b = o.predicted();
        int same = 0;
        for (int i = 0; i < a.length; i++) {
          same += a[i] == b[i] ? 1 : 0;
        }
        out.put("oracle_agreement." + e.getKey(), a.length == 0 ? Double.NaN : (double) same / a.length);
      }
    }
    if (requested.contains(FORGET_QUALITY) && forget.size() > 0) {
      out.put("forget_quality.log10_p", KsTest.test(losses(forget), losses(oracle.predictions().get("forget")))
          .log10p());
    }
    return out;
  }

  /** Per-example cross-entropy of the true label: the LOSS score of membership inference. */
  static double[] losses(Predictions p) {
    double[] l = new double[p.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = CrossEntropyMetric.nll(p.logits()[i], p.labels()[i]);
    }
    return l;
  }
}
