package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.data.Example;
import dev.unlearn4j.eval.RelearnSpec;
import dev.unlearn4j.eval.generation.PassageScorer;
import dev.unlearn4j.experiment.RelearnAttack;
import dev.unlearn4j.model.causal.CausalLm;
import dev.unlearn4j.pretrain.PassagePool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The relearning attack of a sequence run ({@code eval.relearn}). The forget passages are split in two by the seed;
 * a copy of the unlearned model is fine-tuned (next-token cross-entropy, adam) on the attack data, and MA and EL_n
 * are measured on the held-out half. A model that never saw the forget passages is the baseline: the original
 * model on the unseen passages, split the same way and attacked the same way, so "relearning" that only reaches
 * what fine-tuning teaches about text never seen is learning, not recovery.
 *
 * <p>Attack data: {@code forget-half} — the other half of the forget passages (the baseline: the other half of the
 * unseen passages); {@code related} — no forget data: the forget passages' analogues, the nearest non-forget
 * training passages (the baseline: the unseen passages' nearest candidates).
 */
final class SequenceRelearn {
  private SequenceRelearn() {}

  /** Which passages attack and which are measured, for the unlearned model and for the baseline. */
  record Data(List<int[]> attack, List<int[]> heldOut, List<int[]> baselineAttack, List<int[]> baselineHeldOut) {}

  /**
   * @param related the non-forget passages nearest to each forget passage (ICU's analogues)
   * @param unseenRelated the candidates nearest to each unseen passage (only read for {@code related})
   */
  static Data data(RelearnSpec spec, List<PassagePool.Passage> forget, List<PassagePool.Passage> related,
      List<PassagePool.Passage> unseen, List<PassagePool.Passage> unseenRelated, long seed) {
    List<List<PassagePool.Passage>> f = halves(forget, seed);
    List<List<PassagePool.Passage>> u = halves(unseen, seed);
    if (!spec.related()) {
      return new Data(tokens(f.get(0)), tokens(f.get(1)), tokens(u.get(0)), tokens(u.get(1)));
    }
    return new Data(distinct(related), tokens(f.get(1)), distinct(unseenRelated), tokens(u.get(1)));
  }

  /**
   * The {@code relearn.*} keys: {@code original}, {@code before}, {@code after}, {@code oracle_before},
   * {@code oracle_after}, each as {@code .ma} and {@code .el_icu} (means over the held-out passages; the oracle's
   * on the baseline's held-out unseen passages), and {@code recovery} / {@code oracle_recovery} / {@code hidden}
   * from MA: the share of the way from the model's MA back to the original's that the attack covers.
   *
   * @param originalMemo computes, or reads from the cache, the original's six values (its held-out scores and the
   *     baseline before and after its attack), the same for every method on this original, forget set and attack
   */
  static Map<String, Double> run(CausalLm original, CausalLm unlearned, Data d, RelearnSpec spec, int elN,
      int elStart, long seed, FinalMetrics.Memo originalMemo) {
    Map<String, Double> out = new LinkedHashMap<>();
    double[] orig = originalMemo.get("relearn-original", () -> concat(scores(original, d.heldOut(), elN, elStart),
        scores(original, d.baselineHeldOut(), elN, elStart), scores(attacked(original, d.baselineAttack(), spec,
            seed), d.baselineHeldOut(), elN, elStart)));
    double[] o = {orig[0], orig[1]};
    double[] r = {orig[2], orig[3]};
    double[] ra = {orig[4], orig[5]};
    double[] u = scores(unlearned, d.heldOut(), elN, elStart);
    double[] ua = scores(attacked(unlearned, d.attack(), spec, seed), d.heldOut(), elN, elStart);
    put(out, "original", o);
    put(out, "before", u);
    put(out, "after", ua);
    put(out, "oracle_before", r);
    put(out, "oracle_after", ra);
    double recovery = RelearnAttack.recovery(o[0], u[0], ua[0]);
    double oracleRecovery = RelearnAttack.recovery(o[0], r[0], ra[0]);
    out.put("relearn.recovery", recovery);
    out.put("relearn.oracle_recovery", oracleRecovery);
    out.put("relearn.hidden", RelearnAttack.hidden(recovery, oracleRecovery));
    return out;
  }

  private static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  /** {MA, EL_n} means over the passages. */
  private static double[] scores(CausalLm lm, List<int[]> passages, int elN, int elStart) {
    return new double[] {PassageScorer.mean(PassageScorer.memorisation(lm, passages)),
        PassageScorer.mean(PassageScorer.extraction(lm, passages, elN, elStart))};
  }

  private static void put(Map<String, Double> out, String who, double[] maEl) {
    out.put("relearn." + who + ".ma", maEl[0]);
    out.put("relearn." + who + ".el_icu", maEl[1]);
  }

  private static CausalLm attacked(CausalLm lm, List<int[]> attack, RelearnSpec spec, long seed) {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < attack.size(); i++) {
      examples.add(Example.ofTokens("relearn#" + i, attack.get(i)));
    }
    return (CausalLm) RelearnAttack.attacked(lm, examples, spec, seed);         // next-token cross-entropy
  }

  /** The passages' attack and held-out halves ({@link RelearnAttack#halves}). */
  static List<List<PassagePool.Passage>> halves(List<PassagePool.Passage> ps, long seed) {
    return RelearnAttack.halves(ps, PassagePool.Passage::id, seed);
  }

  /** Tokens of each distinct passage (two forget passages may share an analogue), in first-seen order. */
  private static List<int[]> distinct(List<PassagePool.Passage> ps) {
    return tokens(List.copyOf(new LinkedHashSet<>(ps)));
  }

  private static List<int[]> tokens(List<PassagePool.Passage> ps) {
    return ps.stream().map(PassagePool.Passage::tokens).toList();
  }
}
