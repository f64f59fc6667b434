package dev.unlearn4j.eval;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.EnumKey;
import java.util.List;

/**
 * What is measured after (and before) unlearning.
 *
 * @param metrics metric names from {@code unlearn list} (default: all classification metrics); split metrics are
 *     computed on the forget, retain and test splits, cross metrics compare splits or the oracle
 * @param oracle also train the retrain-from-scratch oracle on the retain split and evaluate it (default true)
 * @param labels label set of F1: {@code observed} (classes in y or ŷ of the split, scikit-learn's default) or
 *     {@code all} (every class of the dataset) (default observed)
 * @param batchSize examples per forward pass during evaluation (default 64)
 * @param utilityFloor stop unlearning with an error when the retain-split accuracy after an epoch falls below this
 *     (a utility collapse); 0 turns the check off (default 0)
 * @param relearn the relearning attack after unlearning (default off, see {@link RelearnSpec})
 */
public record EvalSpec(List<String> metrics, boolean oracle, LabelSet labels, int batchSize, double utilityFloor,
    RelearnSpec relearn) {
  /** Which classes macro-F1 averages over. */
  public enum LabelSet {
    OBSERVED,
    ALL;

    @JsonValue
    public String key() {
      return EnumKey.of(this);
    }
  }

  public EvalSpec {
    if (metrics == null || metrics.isEmpty()) {
      throw new ConfigException("key 'eval.metrics' must list at least one metric");
    }
    if (utilityFloor < 0 || utilityFloor > 1) {
      throw new ConfigException("key 'eval.utilityFloor' must lie in [0, 1], got " + utilityFloor);
    }
    if (batchSize < 1) {
      throw new ConfigException("key 'eval.batchSize' must be >= 1, got " + batchSize);
    }
    metrics = List.copyOf(metrics);
    relearn = relearn == null ? RelearnSpec.defaults() : relearn;
  }

  /** Without a relearning attack. */
  public EvalSpec(List<String> metrics, boolean oracle, LabelSet labels, int batchSize, double utilityFloor) {
    this(metrics, oracle, labels, batchSize, utilityFloor, RelearnSpec.defaults());
  }

  public static EvalSpec defaults() {
    return new EvalSpec(List.of("accuracy", "macro_f1", "micro_f1", "ce_loss", "mia_loss_auc", "oracle_gap",
        "oracle_agreement", "forget_quality"), true, LabelSet.OBSERVED, 64, 0.0);
  }
}
