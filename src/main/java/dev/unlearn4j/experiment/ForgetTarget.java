package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Split;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.method.UnlearningMethod.Stop;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.StopRule;
import dev.unlearn4j.util.UnlearnException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test of a stopping rule (the experiment's {@code stop}, or DeepCUT's own {@code stop}), run by a
 * {@link StopRule} after every epoch or every {@code stop.every} steps: the forget split's macro-F1 is measured and
 * training stops once it is at most the target — the test split's macro-F1 of the same model, or the oracle's
 * forget macro-F1.
 */
final class ForgetTarget implements StopRule.Test {
  private static final Logger LOG = LoggerFactory.getLogger(ForgetTarget.class);

  private final Model model;
  private final Split forget;
  private final Split test;
  private final double oracleForgetF1;
  private final EvalSpec spec;
  private final double tolerance;
  private final String name;
  private long checkNanos;

  /**
   * @param oracleForgetF1 the oracle's forget macro-F1, used by {@code forget-f1-at-oracle} (NaN when no oracle)
   * @param tolerance the target is met at forget macro-F1 ≤ target + tolerance
   */
  ForgetTarget(Stop rule, double tolerance, Model model, Split forget, Split test, double oracleForgetF1,
      EvalSpec eval) {
    if (rule == Stop.FORGET_F1_AT_ORACLE && Double.isNaN(oracleForgetF1)) {
      throw new UnlearnException("stopping rule forget-f1-at-oracle needs the oracle (eval.oracle: true)");
    }
    this.model = model;
    this.forget = forget;
    this.test = rule == Stop.FORGET_F1_AT_TEST ? test : null;
    this.oracleForgetF1 = oracleForgetF1;
    this.spec = new EvalSpec(List.of("macro_f1"), false, eval.labels(), eval.batchSize(), 0.0);
    this.tolerance = tolerance;
    this.name = rule.key();
  }

  /** Seconds spent measuring the forget split for the rule (part of the unlearning time). */
  double checkSeconds() {
    return checkNanos / 1e9;
  }

  /** The rule's name once the forget macro-F1 is at or below the target, else null. */
  @Override
  public String reason(TrainerState s) {
    long t0 = System.nanoTime();
    EvalResult r = Evaluator.evaluate(model, test == null ? List.of(forget) : List.of(forget, test), spec);
    double f1 = r.aggregates().get("forget.macro_f1");
    double target = test == null ? oracleForgetF1 : r.aggregates().get("test.macro_f1");
    boolean reached = f1 <= target + tolerance;
    checkNanos += System.nanoTime() - t0;
    LOG.info("epoch {} step {}: forget macro-F1 {} (target {}){}", s.epoch(), s.step(), String.format("%.4f", f1),
        String.format("%.4f", target), reached ? ": reached, stopping" : "");
    return reached ? name : null;
  }
}
