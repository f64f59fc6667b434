package dev.unlearn4j.method.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.KlToReference;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.causal.PartnerTargets;
import dev.unlearn4j.testing.GradCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LLMU's and PO's objectives on the ICU spec's worked example (V = 3, T = 3; forget [0, 2, 1], analogue
 * [1, 0, 2]): the forget passage's positions 0 and 1 are labelled with the analogue's tokens 0 and 2, as
 * {@link PartnerTargets} builds them from a paired batch.
 */
class PartnerLossTest {
  private static final double[][] LOGITS = {{2, 0, 1}, {0, 1, 3}, {0, 0, 0}, {0.5, 1.5, 0}, {1, 0, 2}, {0, 0, 0}};
  private static final double[][] REFERENCE_P = {{0.2, 0.7, 0.1}, {0.3, 0.1, 0.6}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
  private static final Batch BATCH = new Batch(List.of(Example.ofTokens("f", new int[] {0, 2, 1})),
      List.of(Example.ofTokens("a", new int[] {1, 0, 2})));

  private static Map<String, INDArray> build(SameDiff sd, Objective objective, double[][] logits) {
    SDVariable z = sd.var("z", Nd4j.createFromArray(logits));
    double[][] oneHot = new double[6][3];
    oneHot[0][2] = 1;
    oneHot[1][1] = 1;
    oneHot[3][0] = 1;
    oneHot[4][2] = 1;
    LossInputs in = new LossInputs(sd, z, z, sd.constant(Nd4j.createFromArray(oneHot)),
        sd.constant(Nd4j.createFromArray(1.0, 1.0, 0, 0, 0, 0)),
        sd.constant(Nd4j.createFromArray(0, 0, 0, 1.0, 1.0, 0)), sd.constant(Nd4j.ones(DataType.DOUBLE, 6)));
    objective.build(in);
    double[][] ref = new double[6][3];
    for (int t = 0; t < 3; t++) {
      for (int v = 0; v < 3; v++) {
        ref[3 + t][v] = Math.log(REFERENCE_P[t][v]);
      }
    }
    Map<String, INDArray> feed = new HashMap<>();
    new PartnerTargets(3).feed(BATCH).forEach((k, v) -> feed.put(k, v.castTo(DataType.DOUBLE)));
    if (sd.hasVariable(KlToReference.REFERENCE_LOGITS)) {                  // LLMU's anchor; PO has none
      feed.put(KlToReference.REFERENCE_LOGITS, Nd4j.createFromArray(ref));
      feed.put(KlToReference.KL_MASK, Nd4j.createFromArray(0, 0, 0, 1.0, 1.0, 1.0));
    }
    return feed;
  }

  @Test
  void partnerTargetsLabelTheForgetRowsWithTheAnaloguesNextTokens() {
    Map<String, INDArray> f = new PartnerTargets(3).feed(BATCH);
    assertThat(f.get(CrossEntropy.PARTNER_LABELS).toFloatMatrix())
        .isEqualTo(new float[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}});
    assertThat(f.get(CrossEntropy.PARTNER_MASK).toFloatVector()).containsExactly(1, 1, 0, 0, 0, 0);
  }

  @Test
  void llmuAndPoMatchTheWorkedExample() {
    // mismatch = −(log softmax(2, 0, 1)[0] + log softmax(0, 1, 3)[2]) / 2
    double mismatch = 0.2887259920003329;
    SameDiff llmu = SameDiff.create();
    Map<String, INDArray> f1 = build(llmu, new Llmu(Llmu.Args.defaults()).objective(), LOGITS);
    assertThat(GradCheck.value(llmu, f1, "term_mismatch")).isCloseTo(mismatch, within(1e-9));
    // −1·1.788725992 (ascent, as ICU) + 0.5·mismatch + 1·0.940195679 (ICU's anchor)
    assertThat(GradCheck.value(llmu, f1, Objective.LOSS)).isCloseTo(-0.7041673169296646, within(1e-9));

    SameDiff po = SameDiff.create();
    Map<String, INDArray> f2 = build(po, new Po(Po.Args.defaults()).objective(), LOGITS);
    // 1·mismatch + 0.5·0.935987374 (CE on the analogue, as ICU's learning term)
    assertThat(GradCheck.value(po, f2, Objective.LOSS)).isCloseTo(0.7567196791384143, within(1e-9));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    java.util.Random r = new java.util.Random(5);
    double[][] logits = new double[6][3];
    for (double[] row : logits) {
      for (int v = 0; v < 3; v++) {
        row[v] = r.nextGaussian();
      }
    }
    for (Objective o : List.of(new Llmu(Llmu.Args.defaults()).objective(), new Po(Po.Args.defaults()).objective())) {
      SameDiff sd = SameDiff.create();
      Map<String, INDArray> feed = build(sd, o, logits);
      GradCheck.Result res = GradCheck.check(sd, feed, Objective.LOSS, List.of("z"), 1e-6, 18, 1);
      assertThat(res.maxRelativeError()).as(res.toString()).isLessThan(1e-5);
    }
  }
}
