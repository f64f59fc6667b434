package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Split;
import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.method.UnlearningMethod.Stop;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import dev.unlearn4j.util.UnlearnException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stopping rule (the experiment's {@code stop}, or DeepCUT's own {@code stop}): the forget split's macro-F1 is
 * measured after every epoch, or every {@code every} steps, and training stops once it is at most the target —
 * the test split's macro-F1 of the same model, or the oracle's forget macro-F1.
 */
final class ForgetTarget implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(ForgetTarget.class);

  private final Model model;
  private final Split forget;
  private final Split test;
  private final double oracleForgetF1;
  private final EvalSpec spec;
  private final int every;
  private final double tolerance;
  private boolean reached;
  private long checkNanos;

  /**
   * @param oracleForgetF1 the oracle's forget macro-F1, used by {@code forget-f1-at-oracle} (NaN when no oracle)
   * @param every check every this many steps; 0 after every epoch
   * @param tolerance the target is met at forget macro-F1 ≤ target + tolerance
   */
  ForgetTarget(Stop rule, int every, double tolerance, Model model, Split forget, Split test, double oracleForgetF1,
      EvalSpec eval) {
    if (rule == Stop.FORGET_F1_AT_ORACLE && Double.isNaN(oracleForgetF1)) {
      throw new UnlearnException("stopping rule forget-f1-at-oracle needs the oracle (eval.oracle: true)");
    }
    this.model = model;
    this.forget = forget;
    this.test = rule == Stop.FORGET_F1_AT_TEST ? test : null;
    this.oracleForgetF1 = oracleForgetF1;
    this.spec = new EvalSpec(List.of("macro_f1"), false, eval.labels(), eval.batchSize(), 0.0);
    this.every = every;
    this.tolerance = tolerance;
  }

  /** Seconds spent measuring the forget split for the rule (part of the unlearning time). */
  double checkSeconds() {
    return checkNanos / 1e9;
  }

  /** Whether the last check met the target: the run was stopped by its rule rather than its epochs. */
  boolean reached() {
    return reached;
  }

  @Override
  public boolean checkDue(TrainerState s) {
    return every > 0 && s.step() % every == 0;
  }

  @Override
  public void onCheck(TrainerState s) {
    measure(s);
  }

  @Override
  public void onEpochEnd(TrainerState s) {
    if (every == 0) {
      measure(s);
    }
  }

  private void measure(TrainerState s) {
    long t0 = System.nanoTime();
    EvalResult r = Evaluator.evaluate(model, test == null ? List.of(forget) : List.of(forget, test), spec);
    double f1 = r.aggregates().get("forget.macro_f1");
    double target = test == null ? oracleForgetF1 : r.aggregates().get("test.macro_f1");
    reached = f1 <= target + tolerance;
    checkNanos += System.nanoTime() - t0;
    LOG.info("epoch {} step {}: forget macro-F1 {} (target {}){}", s.epoch(), s.step(), String.format("%.4f", f1),
        String.format("%.4f", target), reached ? ": reached, stopping" : "");
  }

  @Override
  public boolean shouldStop(TrainerState s) {
    return reached;
  }
}
