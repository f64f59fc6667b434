package dev.unlearn4j.eval.privacy;

import dev.unlearn4j.model.causal.CausalLm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The four sequence membership attacks of one model, each as the AUC of forget passages (members) against unseen
 * passages (non-members), all from the teacher-forced scores the memorisation metrics already computed: LOSS, zlib
 * (LOSS over the compressed length of the passage text), min-k% and min-k%++ (k = {@link #K}).
 */
public final class MembershipAttacks {
  private MembershipAttacks() {}

  /** The k of min-k% and min-k%++: the lowest-scoring 20% of positions, the value both papers report first. */
  public static final double K = 0.2;

  /** The keys, in output order. */
  public static final List<String> KEYS = List.of("mia.loss_auc", "mia.zlib_auc", "mia.mink_auc", "mia.minkpp_auc");

  /**
   * @param members scores of the forget passages; {@code memberTexts} their decoded text (for zlib)
   * @param nonMembers scores of the unseen passages; {@code nonMemberTexts} their decoded text
   */
  public static Map<String, Double> aucs(CausalLm.TokenScores members, List<String> memberTexts,
      CausalLm.TokenScores nonMembers, List<String> nonMemberTexts) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(KEYS.get(0), auc(members, nonMembers, (s, i) -> MiaScores.loss(s.logProbs()[i])));
    out.put(KEYS.get(1), Auc.of(
        each(members, i -> MiaScores.zlib(members.logProbs()[i], memberTexts.get(i))),
        each(nonMembers, i -> MiaScores.zlib(nonMembers.logProbs()[i], nonMemberTexts.get(i)))));
    out.put(KEYS.get(2), auc(members, nonMembers, (s, i) -> MiaScores.minK(s.logProbs()[i], K)));
    out.put(KEYS.get(3), auc(members, nonMembers,
        (s, i) -> MiaScores.minKPlusPlus(s.logProbs()[i], s.mean()[i], s.std()[i], K)));
    return out;
  }

  private interface Score {
    double of(CausalLm.TokenScores s, int row);
  }

  private static double auc(CausalLm.TokenScores members, CausalLm.TokenScores nonMembers, Score score) {
    return Auc.of(each(members, i -> score.of(members, i)), each(nonMembers, i -> score.of(nonMembers, i)));
  }

  private static double[] each(CausalLm.TokenScores s, IntToDoubleFunction f) {
    double[] out = new double[s.logProbs().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(i);
    }
    return out;
  }
}
