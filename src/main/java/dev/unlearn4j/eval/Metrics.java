package dev.unlearn4j.eval;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.eval.classification.Accuracy;
import dev.unlearn4j.eval.classification.CrossEntropyLoss;
import dev.unlearn4j.eval.classification.F1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every metric unlearn4j knows, by name. */
public final class Metrics {
  private Metrics() {}

  /**
   * A registered metric and its one-line description.
   *
   * @param metric the per-split computation, or null for a metric over splits and models ({@link CrossMetrics})
   */
  public record Entry(String name, String summary, Metric metric) {}

  private static final Map<String, Entry> ALL = new LinkedHashMap<>();

  static {
    add("accuracy", "share of correct predictions (per example: 1/0)", new Accuracy());
    add("macro_f1", "unweighted mean of per-class F1 (label set: eval.labels)",
        (p, s) -> MetricResult.aggregateOnly(F1.macro(p.labels(), p.predicted(), p.numClasses(), s.labels())));
    add("micro_f1", "pooled F1 over classes (= accuracy for single-label data)",
        (p, s) -> MetricResult.aggregateOnly(F1.micro(p.labels(), p.predicted())));
    add("ce_loss", "mean cross-entropy of the true label (per example: the loss)", new CrossEntropyLoss());
    add(CrossMetrics.MIA_LOSS_AUC, "membership-inference AUC of the LOSS attack, forget (members) vs test", null);
    add(CrossMetrics.ORACLE_GAP, "|metric − oracle's metric| for every split metric (needs eval.oracle)", null);
    add(CrossMetrics.ORACLE_AGREEMENT, "share of predictions equal to the oracle's, per split", null);
    add(CrossMetrics.FORGET_QUALITY, "log10 KS-test p of forget-set losses vs the oracle's (TOFU style)", null);
  }

  /** True for metrics computed on one split at a time by the {@link Evaluator}. */
  public static boolean perSplit(String name) {
    Entry e = ALL.get(name);
    return e != null && e.metric() != null;
  }

  private static void add(String name, String summary, Metric m) {
    ALL.put(name, new Entry(name, summary, m));
  }

  public static List<Entry> entries() {
    return List.copyOf(ALL.values());
  }

  public static Metric get(String name) {
    Entry e = ALL.get(name);
    if (e == null) {
      throw new ConfigException("unknown metric '" + name + "' in key 'eval.metrics'; known: " + ALL.keySet());
    }
    return e.metric();
  }
}
