package dev.unlearn4j.method.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.loss.KlToReference;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.testing.GradCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ICU's objective on the worked example of the ICU spec (V = 3, T = 3, one forget and one analogous sequence). */
class IcuLossTest {
  // rows 0-2: forget sequence [0, 2, 1]; rows 3-5: analogous sequence [1, 0, 2]; row r predicts token r+1
  private static final double[][] LOGITS = {{2, 0, 1}, {0, 1, 3}, {0, 0, 0}, {0.5, 1.5, 0}, {1, 0, 2}, {0, 0, 0}};
  private static final double[][] REFERENCE_P = {{0.2, 0.7, 0.1}, {0.3, 0.1, 0.6}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};

  private static Map<String, INDArray> build(SameDiff sd, Icu icu, double[][] logits, boolean allPositions) {
    SDVariable z = sd.var("z", Nd4j.createFromArray(logits));
    double[][] oneHot = new double[6][3];
    oneHot[0][2] = 1;                       // forget: t=0 predicts 2, t=1 predicts 1
    oneHot[1][1] = 1;
    oneHot[3][0] = 1;                       // learn: t=0 predicts 0, t=1 predicts 2
    oneHot[4][2] = 1;
    LossInputs in = new LossInputs(sd, z, z, sd.constant(Nd4j.createFromArray(oneHot)),
        sd.constant(Nd4j.createFromArray(1.0, 1.0, 0, 0, 0, 0)), sd.constant(Nd4j.createFromArray(0, 0, 0, 1.0, 1.0, 0)),
        sd.constant(Nd4j.ones(DataType.DOUBLE, 6)));
    icu.objective().build(in);
    double[][] ref = new double[6][3];
    for (int t = 0; t < 3; t++) {
      for (int v = 0; v < 3; v++) {
        ref[3 + t][v] = Math.log(REFERENCE_P[t][v]);
      }
    }
    return Map.of(KlToReference.REFERENCE_LOGITS, Nd4j.createFromArray(ref),
        KlToReference.KL_MASK, Nd4j.createFromArray(0, 0, 0, 1.0, 1.0, allPositions ? 1.0 : 0));
  }

  @Test
  void termsAndTotalMatchTheWorkedExample() {
    SameDiff sd = SameDiff.create();
    Map<String, INDArray> feed = build(sd, new Icu(Icu.Args.defaults()), LOGITS, true);
    assertThat(-GradCheck.value(sd, feed, "term_unlearn")).isCloseTo(1.788725992000333, within(1e-9));
    assertThat(GradCheck.value(sd, feed, "term_learn")).isCloseTo(0.935987374276163, within(1e-9));
    assertThat(GradCheck.value(sd, feed, "term_kl")).isCloseTo(0.940195679070502, within(1e-9));
    assertThat(GradCheck.value(sd, feed, Objective.LOSS)).isCloseTo(-0.380536625791750, within(1e-9));

    SameDiff masked = SameDiff.create();
    Map<String, INDArray> f2 = build(masked, new Icu(Icu.Args.defaults()), LOGITS, false);
    assertThat(GradCheck.value(masked, f2, "term_kl")).isCloseTo(0.860987374273198, within(1e-9));
  }

  @Test
  void zeroWeightsDropTheirTerms() {
    Icu.Args d = Icu.Args.defaults();
    Icu noLearn = new Icu(new Icu.Args(1.0, 0.0, 1.0, true, true, d.refinement(), d.train()));
    Icu noKl = new Icu(new Icu.Args(1.0, 0.5, 0.0, true, true, d.refinement(), d.train()));
    assertThat(noLearn.objective().outputNames()).containsExactly("term_unlearn", "term_kl");
    assertThat(noKl.objective().outputNames()).containsExactly("term_unlearn", "term_learn");
  }

  @Test
  void gradientOfTheObjectiveMatchesFiniteDifferences() {
    SameDiff sd = SameDiff.create();
    java.util.Random r = new java.util.Random(3);
    double[][] logits = new double[6][3];
    for (double[] row : logits) {
      for (int v = 0; v < 3; v++) {
        row[v] = r.nextGaussian();
      }
    }
    Map<String, INDArray> feed = build(sd, new Icu(Icu.Args.defaults()), logits, true);
    GradCheck.Result res = GradCheck.check(sd, feed, Objective.LOSS, List.of("z"), 1e-6, 18, 1);
    assertThat(res.checked()).isEqualTo(18);
    assertThat(res.maxRelativeError()).as(res.toString()).isLessThan(1e-5);
  }
}
