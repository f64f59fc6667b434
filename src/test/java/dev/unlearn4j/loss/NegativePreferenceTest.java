package dev.unlearn4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.testing.GradCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** NPO on two sequences of T = 3 (one forget, one not), V = 3, against plain Java; and its gradient. */
class NegativePreferenceTest {
  private static final double BETA = 0.1;
  private static final double[][] LOGITS = {{2, 0, 1}, {0, 1, 3}, {0, 0, 0}, {0.5, 1.5, 0}, {1, 0, 2}, {0, 0, 0}};
  private static final double REF = -2.5;                       // reference log-probability of the forget sequence

  private static Map<String, org.nd4j.linalg.api.ndarray.INDArray> build(SameDiff sd, double[][] logits) {
    SDVariable z = sd.var("z", Nd4j.createFromArray(logits));
    double[][] oneHot = new double[6][3];
    oneHot[0][2] = 1;                                            // forget sequence [0, 2, 1]
    oneHot[1][1] = 1;
    oneHot[3][0] = 1;                                            // other sequence [1, 0, 2]
    oneHot[4][2] = 1;
    LossInputs in = new LossInputs(sd, z, z, sd.constant(Nd4j.createFromArray(oneHot)),
        sd.constant(Nd4j.createFromArray(1.0, 1.0, 1.0, 0, 0, 0)), sd.constant(Nd4j.createFromArray(0, 0, 0, 1.0,
        1.0, 1.0)), sd.constant(Nd4j.ones(DataType.DOUBLE, 6)));
    sd.identity("npo", NegativePreference.term(BETA).build(in));
    return Map.of(NegativePreference.REFERENCE_SEQ_LOGP, Nd4j.createFromArray(REF, 0.0),
        NegativePreference.SHAPE_BT, Nd4j.createFromArray(2L, 3L));
  }

  private static double logSoftmax(double[] row, int k) {
    double z = 0;
    for (double v : row) {
      z += Math.exp(v);
    }
    return row[k] - Math.log(z);
  }

  @Test
  void valueMatchesPlainJava() {
    SameDiff sd = SameDiff.create();
    var feed = build(sd, LOGITS);
    double seq = logSoftmax(LOGITS[0], 2) + logSoftmax(LOGITS[1], 1);      // −3.5775 (the other row is ignored)
    double expected = 2 / BETA * Math.log1p(Math.exp(BETA * (seq - REF)));
    assertThat(GradCheck.value(sd, feed, "npo")).isCloseTo(expected, within(1e-10));
    assertThat(expected).isCloseTo(12.8145, within(1e-3));                 // (2/0.1)·ln(1 + e^(0.1·(−3.5775 + 2.5)))
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    SameDiff sd = SameDiff.create();
    double[][] logits = new double[6][3];
    java.util.Random r = new java.util.Random(8);
    for (double[] row : logits) {
      for (int v = 0; v < 3; v++) {
        row[v] = r.nextGaussian();
      }
    }
    var feed = build(sd, logits);
    GradCheck.Result res = GradCheck.check(sd, feed, "npo", List.of("z"), 1e-6, 18, 1);
    assertThat(res.maxRelativeError()).as(res.toString()).isLessThan(1e-5);
  }
}
