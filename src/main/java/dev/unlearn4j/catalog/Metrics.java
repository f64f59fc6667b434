package dev.unlearn4j.catalog;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.eval.Metric;
import dev.unlearn4j.eval.MetricResult;
import dev.unlearn4j.eval.classification.Accuracy;
import dev.unlearn4j.eval.classification.CrossEntropyMetric;
import dev.unlearn4j.eval.classification.F1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric unlearn4j knows, by name and family: classification metrics computed per split (or across splits and
 * models), the summary keys of sequence experiments, and the cost figures every run reports.
 */
public final class Metrics {
  private Metrics() {}

  /** Where a metric is computed and reported. */
  public enum Family {
    CLASSIFICATION("classification runs (per split: forget./retain./test.<name> in summary.json)"),
    SEQUENCE("sequence runs (summary.json keys)"),
    COST("every run (summary.json timing and memory)");

    public final String title;

    Family(String title) {
      this.title = title;
    }
  }

  /**
   * A registered metric and its one-line description.
   *
   * @param metric the per-split computation, or null for one computed elsewhere (across splits and models by
   *     {@code experiment.CrossMetrics}, by the sequence evaluator, or by the run itself)
   */
  public record Entry(String name, Family family, String summary, Metric metric) {}

  /** The cross metrics' names (computed by {@code experiment.CrossMetrics} from several models and splits). */
  public static final String MIA_LOSS_AUC = "mia_loss_auc";
  public static final String ORACLE_GAP = "oracle_gap";
  public static final String ORACLE_AGREEMENT = "oracle_agreement";
  public static final String FORGET_QUALITY = "forget_quality";

  private static final Map<String, Entry> ALL = new LinkedHashMap<>();

  static {
    add("accuracy", "share of correct predictions (per example: 1/0)", new Accuracy());
    add("macro_f1", "unweighted mean of per-class F1 (label set: eval.labels)",
        (p, s) -> MetricResult.aggregateOnly(F1.macro(p.labels(), p.predicted(), p.numClasses(), s.labels())));
    add("micro_f1", "pooled F1 over classes (= accuracy for single-label data)",
        (p, s) -> MetricResult.aggregateOnly(F1.micro(p.labels(), p.predicted())));
    add("class_f1", "F1 of each class: keys <split>.class_f1.<class index>; aggregate: the lowest (eval.labels)",
        (p, s) -> F1.byClass(p.labels(), p.predicted(), p.numClasses(), s.labels()));
    add("ce_loss", "mean cross-entropy of the true label (per example: the loss)", new CrossEntropyMetric());
    add(MIA_LOSS_AUC, "membership-inference AUC of the LOSS attack, forget (members) vs test", null);
    add(ORACLE_GAP, "|metric − oracle's metric| for every split metric (needs eval.oracle)", null);
    add(ORACLE_AGREEMENT, "share of predictions equal to the oracle's, per split", null);
    add(FORGET_QUALITY, "log10 KS-test p of forget-set losses vs the oracle's (TOFU style)", null);

    sequence("forget.ma", "memorisation accuracy: teacher-forced argmax = next token, mean over forget passages");
    sequence("forget.el_icu", "extraction likelihood EL_n, ICU variant (prompts from the suffix start, n = eval.elN)");
    sequence("forget.el_jang", "EL_n, Jang et al.'s variant (prompts of every length; eval.jangEl)");
    sequence("forget.bertscore_f1",
        "BERTScore-F1 of beam continuations vs true suffixes (MiniLM layer eval.bertLayer)");
    sequence("forget.bleu", "sentence BLEU-4 (NLTK semantics) of the same continuations");
    sequence("forget.token_entropy", "token entropy of the continuations, bits");
    sequence("forget.flagged", "passages still flagged as memorised by the refinement");
    sequence("unseen.perplexity", "window-mean perplexity of unseen (held-out) passages");
    sequence("offdomain.perplexity", "window-mean perplexity of held-out windows of another corpus (eval.offDomain)");
    sequence("unseen.cloze_accuracy", "last-word cloze accuracy on items cut from unseen passages");
    sequence("mia.loss_auc", "membership AUC of the LOSS score (mean NLL), forget vs unseen passages");
    sequence("mia.zlib_auc", "membership AUC of LOSS / zlib-compressed length of the passage text");
    sequence("mia.mink_auc", "membership AUC of min-k% (k = 0.2: mean of the lowest 20% token log-probs)");
    sequence("mia.minkpp_auc", "membership AUC of min-k%++ (k = 0.2: log-probs standardised by the model's μ, σ)");
    sequence("calibration.f1_own", "BERTScore-F1 of the original's continuations vs their own suffixes");
    sequence("calibration.f1_mismatched", "BERTScore-F1 of those continuations vs 8 other passages' suffixes");
    sequence("calibration.f1_mismatched_p95", "95th percentile of the mismatched F1s: the calibrated threshold");
    sequence("calibration.own_above_p95", "share of continuations whose own-suffix F1 reaches that percentile");
    sequence("refinement.f1_threshold", "the refinement's BERTScore-F1 threshold in force (eval.calibrateF1)");

    cost("unlearn_s", "unlearning wall time, seconds");
    cost("eval_s", "evaluation wall time, seconds");
    cost("oracle_s", "retraining (oracle) wall time, seconds, when an oracle is trained");
    cost("retrain_ratio", "unlearn_s / oracle_s");
    cost("peak_heap_bytes", "peak JVM heap use (sum of the pools' peaks)");
    cost("peak_rss_bytes", "peak resident set size of the process (VmHWM)");
  }

  /** True for metrics computed on one split at a time by {@code experiment.Evaluator}. */
  public static boolean perSplit(String name) {
    Entry e = ALL.get(name);
    return e != null && e.metric() != null;
  }

  private static void add(String name, String summary, Metric m) {
    ALL.put(name, new Entry(name, Family.CLASSIFICATION, summary, m));
  }

  private static void sequence(String name, String summary) {
    ALL.put(name, new Entry(name, Family.SEQUENCE, summary, null));
  }

  private static void cost(String name, String summary) {
    ALL.put(name, new Entry(name, Family.COST, summary, null));
  }

  public static List<Entry> entries() {
    return List.copyOf(ALL.values());
  }

  /** The classification metric {@code name}; an unknown name (or one of another family) is a config error. */
  public static Metric get(String name) {
    Entry e = ALL.get(name);
    if (e == null || e.family() != Family.CLASSIFICATION) {
      throw new ConfigException("unknown metric '" + name + "' in key 'eval.metrics'; known: " + names(
          Family.CLASSIFICATION));
    }
    return e.metric();
  }

  /** Checks that {@code name} is a sequence metric; an unknown one is a config error naming the known ones. */
  public static void requireSequence(String name) {
    Entry e = ALL.get(name);
    if (e == null || e.family() != Family.SEQUENCE) {
      throw new ConfigException("unknown sequence metric '" + name + "'; known: " + names(Family.SEQUENCE));
    }
  }

  private static List<String> names(Family f) {
    return ALL.values().stream().filter(e -> e.family() == f).map(Entry::name).toList();
  }
}
