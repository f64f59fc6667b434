package dev.unlearn4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.classification.CrossEntropyMetric;
import dev.unlearn4j.experiment.CrossMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossMetricsTest {
  /** Two-class logits whose CE of label 0 is −log σ(z): chosen so the losses are easy to order. */
  private static Predictions split(double... margins) {
    double[][] logits = new double[margins.length][];
    int[] labels = new int[margins.length];
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < margins.length; i++) {
      logits[i] = new double[] {margins[i], 0};
      ids.add("e" + i);
    }
    return new Predictions(ids, labels, logits, 2);
  }

  private static EvalResult result(Predictions forget, Predictions test, double testAcc) {
    return new EvalResult(Map.of("test.accuracy", testAcc), List.of(), Map.of("forget", forget, "test", test));
  }

  @Test
  void membershipAucGapAgreementAndForgetQuality() {
    // forget losses low (members), test losses high: AUC 1
    EvalResult model = result(split(5, 4, 3), split(-1, -2), 0.9);
    EvalResult oracle = result(split(-3, 2, 1), split(-1, 2), 0.8);
    Map<String, Double> m = CrossMetrics.compute(model, oracle, List.of(CrossMetrics.MIA_LOSS_AUC,
        CrossMetrics.ORACLE_GAP, CrossMetrics.ORACLE_AGREEMENT, CrossMetrics.FORGET_QUALITY));
    assertThat(m.get("mia.loss_auc")).isEqualTo(1.0);
    assertThat(m.get("oracle_gap.test.accuracy")).isCloseTo(0.1, within(1e-12));
    // predictions: model forget [0,0,0], oracle forget [1,0,0] → 2/3; test [1,1] vs [1,0] → 1/2
    assertThat(m.get("oracle_agreement.forget")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.get("oracle_agreement.test")).isCloseTo(0.5, within(1e-12));
    // forget losses: model {σ-losses of 5,4,3} all below the oracle's {−3,2,1} → D = 1, n = m = 3, p = 2/20
    assertThat(m.get("forget_quality.log10_p")).isCloseTo(Math.log10(0.1), within(1e-12));
    assertThat(CrossEntropyMetric.nll(new double[] {5, 0}, 0)).isLessThan(CrossEntropyMetric.nll(new double[] {1, 0},
        0));
  }

  @Test
  void withoutAnOracleOnlyTheMembershipAucIsAdded() {
    EvalResult model = result(split(1, 2), split(3), 0.5);
    Map<String, Double> m = CrossMetrics.compute(model, null, List.of(CrossMetrics.MIA_LOSS_AUC,
        CrossMetrics.ORACLE_GAP));
    assertThat(m).containsOnlyKeys("test.accuracy", "mia.loss_auc");
    assertThat(m.get("mia.loss_auc")).isEqualTo(0.0);   // test loss lower than both forget losses
  }
}
