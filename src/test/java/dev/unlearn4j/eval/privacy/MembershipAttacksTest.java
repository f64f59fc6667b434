package dev.unlearn4j.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.model.causal.CausalLm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One member and one non-member built so that the four attacks disagree: the member has the lower mean loss (LOSS
 * and min-k%++ call it a member) but one very unlikely token (min-k% does not) and a highly compressible text (zlib
 * does not).
 */
class MembershipAttacksTest {
  @Test
  void eachAttackRanksByItsOwnScore() {
    // member: LOSS 0.96, min-k% (K = 1) 4.0, min-k%++ z = [−0.2 ×4, −4/4 = −1] → 1.0, zlib 0.96 / 14
    CausalLm.TokenScores member = new CausalLm.TokenScores(new double[][] {{-0.2, -0.2, -0.2, -0.2, -4.0}},
        new int[1][5], new double[1][5], new double[][] {{1, 1, 1, 1, 4}});
    // non-member: LOSS 1.2, min-k% 1.2, min-k%++ z = −1.2/0.5 = −2.4 → 2.4, zlib 1.2 / 38
    CausalLm.TokenScores nonMember = new CausalLm.TokenScores(new double[][] {{-1.2, -1.2, -1.2, -1.2, -1.2}},
        new int[1][5], new double[1][5], new double[][] {{0.5, 0.5, 0.5, 0.5, 0.5}});
    Map<String, Double> auc = MembershipAttacks.aucs(member, List.of("the the the the the the the the"),
        nonMember, List.of("Four score and seven years ago"));
    assertThat(auc).isEqualTo(Map.of("mia.loss_auc", 1.0, "mia.zlib_auc", 0.0,
        "mia.mink_auc", 0.0, "mia.minkpp_auc", 1.0));
    assertThat(auc.keySet()).containsExactlyElementsOf(MembershipAttacks.KEYS);
  }
}
