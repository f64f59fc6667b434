package dev.unlearn4j.experiment;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.Split;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.RelearnSpec;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import dev.unlearn4j.util.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The relearning attack ({@code eval.relearn}): the forget set is split in two by the seed; copies of the unlearned
 * model and of the oracle are fine-tuned on the first half ({@code data: forget-half}) or on the retain examples
 * nearest to the forget set ({@code data: related}, {@link NearestRetain}), and the forget macro-F1 (under the
 * training labels) is measured on the second half. Recovery is the share of the way back from the model's value to
 * the original's that the attack covers; the oracle's recovery is the baseline, because it never saw the forget
 * set: relearning no faster than the oracle is learning, relearning faster is recovery of knowledge that was
 * hidden, not removed.
 */
public final class RelearnAttack {
  /** Recovery beyond the oracle's by more than this marks the forgotten knowledge as hidden. */
  public static final double HIDDEN_MARGIN = 0.25;

  private RelearnAttack() {}

  /**
   * The {@code relearn.*} summary keys: {@code original}, {@code before} / {@code after} (the unlearned model on
   * the held-out half before and after the attack), {@code oracle_before} / {@code oracle_after}, each a
   * {@code .macro_f1}; {@code recovery}, {@code oracle_recovery} and {@code hidden} (1 or 0; NaN where a value is
   * undefined: no gap to the original, or no oracle).
   */
  static Map<String, Double> run(Model original, Model unlearned, Model oracle, Split forget, Split retain,
      EvalSpec eval, long seed) {
    RelearnSpec spec = eval.relearn();
    List<List<Example>> halves = halves(forget.examples(), Example::id, seed);
    List<Example> attack = spec.related()            // no forget data: the retain examples nearest to the forget set
        ? NearestRetain.of(original, forget.examples(), retain.examples(), eval.batchSize())
        : halves.get(0);
    Split heldOut = new Split("heldout", halves.get(1));
    EvalSpec f1 = new EvalSpec(List.of("macro_f1"), false, eval.labels(), eval.batchSize(), 0.0);
    Map<String, Double> out = new LinkedHashMap<>();
    double fo = f1(original, heldOut, f1);
    double fu = f1(unlearned, heldOut, f1);
    double fa = f1(attacked(unlearned, attack, spec, seed), heldOut, f1);
    out.put("relearn.original.macro_f1", fo);
    out.put("relearn.before.macro_f1", fu);
    out.put("relearn.after.macro_f1", fa);
    double recovery = recovery(fo, fu, fa);
    double oracleRecovery = Double.NaN;
    if (oracle != null) {
      double fr = f1(oracle, heldOut, f1);
      double fra = f1(attacked(oracle, attack, spec, seed), heldOut, f1);
      out.put("relearn.oracle_before.macro_f1", fr);
      out.put("relearn.oracle_after.macro_f1", fra);
      oracleRecovery = recovery(fo, fr, fra);
    }
    out.put("relearn.recovery", recovery);
    out.put("relearn.oracle_recovery", oracleRecovery);
    out.put("relearn.hidden", hidden(recovery, oracleRecovery));
    return out;
  }

  /**
   * The items sorted by id and shuffled by the seed, cut into the attack half (the larger) and the held-out half:
   * the same cut whatever order the items come in.
   */
  public static <T> List<List<T>> halves(List<T> items, Function<T, String> id, long seed) {
    List<T> shuffled = new ArrayList<>(items);
    shuffled.sort(Comparator.comparing(id));
    Collections.shuffle(shuffled, Seeds.random(seed, "relearn.split"));
    int half = (shuffled.size() + 1) / 2;
    return List.of(shuffled.subList(0, half), shuffled.subList(half, shuffled.size()));
  }

  /** (after − before) / (original − before): 1 back at the original, 0 unmoved; NaN without a gap to close. */
  public static double recovery(double original, double before, double after) {
    double gap = original - before;
    return Math.abs(gap) < 1e-9 ? Double.NaN : (after - before) / gap;
  }

  /** 1 when the model recovered more than {@link #HIDDEN_MARGIN} beyond the oracle, 0 when not, NaN if unknown. */
  public static double hidden(double recovery, double oracleRecovery) {
    return Double.isNaN(recovery) || Double.isNaN(oracleRecovery) ? Double.NaN
        : recovery > oracleRecovery + HIDDEN_MARGIN ? 1.0 : 0.0;
  }

  /** A copy of {@code m} fine-tuned on {@code attack}: {@code spec.steps()} Adam steps of cross-entropy. */
  public static Model attacked(Model m, List<Example> attack, RelearnSpec spec, long seed) {
    Model copy = m.copy();
    TrainSpec schedule = new TrainSpec(spec.steps(), spec.batchSize(), spec.learningRate(), TrainSpec.Optimizer.ADAM,
        0.9, 0.0, 1.0, spec.steps());                      // as many epochs as steps, cut at the step budget
    Objective ce = Objective.of(new Objective.Term("relearn_ce", 1.0, CrossEntropy.onRetain()));
    new Trainer(List.of()).fit("relearn", copy, ce, BatchPlan.retainOnly(spec.batchSize()), schedule, List.of(),
        attack, seed);
    return copy;
  }

  private static double f1(Model m, Split s, EvalSpec spec) {
    return Evaluator.evaluate(m, List.of(s), spec).aggregates().get(s.name() + ".macro_f1");
  }
}
