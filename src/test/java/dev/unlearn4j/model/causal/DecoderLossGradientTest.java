package dev.unlearn4j.model.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.data.Batch;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.KlToReference;
import dev.unlearn4j.loss.LossInputs;
import dev.unlearn4j.loss.LossTerm;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.testing.GradCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks, in double precision, of the generative loss pieces through a tiny GPT-Neo decoder:
 * next-token cross-entropy, its negation (gradient ascent on forget sequences) and the KL to a frozen reference.
 */
class DecoderLossGradientTest {
  private static final GptConfig C = new GptConfig(GptConfig.NEO, 12, 8, 4, 2, 8, 1e-5,
      List.of("global", "local"), 2);
  private static final List<Example> ROWS = List.of(Example.ofTokens("a", new int[] {1, 5, 7, 5, 2}),
      Example.ofTokens("b", new int[] {3, 3, 9, 11, 0}));

  private static double check(LossTerm term, boolean withReference) {
    Map<String, INDArray> w = GptWeights.random(C, 4, DataType.DOUBLE);
    w.replaceAll((k, v) -> k.contains("ln_") ? v : v.mul(20));
    CausalGraph g = (CausalGraph) new CausalLm(C, w).graph(true, 0);
    LossInputs in = g.lossInputs(12);
    SDVariable ref = g.sd().placeHolder("ref_logits", DataType.DOUBLE, -1, 12);
    LossTerm t = withReference
        ? i -> KlToReference.build(i.sd(), i.logits(), ref, i.retainMask().mul(i.firstView())) : term;
    Objective.of(new Objective.Term("x", 1.0, t)).build(in);
    Map<String, INDArray> feed = new HashMap<>(g.feed(ROWS));
    Batch batch = new Batch(ROWS.subList(0, 1), ROWS.subList(1, 2));      // one forget, one retain sequence
    g.lossFeed(batch, 12).forEach((k, v) -> feed.put(k, v.castTo(DataType.DOUBLE)));
    feed.put("ref_logits", Nd4j.rand(DataType.DOUBLE, 10, 12).mul(3));
    // embedding tables are checked separately (CausalTrainingTest); here the graph variables
    List<String> vars = g.trainableVariables().stream().filter(v -> !v.equals(GptWeights.WTE)).toList();
    GradCheck.Result r = GradCheck.check(g.sd(), feed, Objective.LOSS, vars, 1e-6, 4, 1);
    assertThat(r.checked()).isGreaterThan(60);
    return r.maxRelativeError();
  }

  @Test
  void crossEntropyNegatedCrossEntropyAndKlGradientsMatchFiniteDifferences() {
    assertThat(check(CrossEntropy.onRetain(), false)).isLessThan(1e-5);
    assertThat(check(CrossEntropy.negatedOnForget(), false)).isLessThan(1e-5);
    assertThat(check(null, true)).isLessThan(1e-5);
  }

  @Test
  void klIsZeroForIdenticalDistributionsAndMatchesPlainJava() {
    var sd = org.nd4j.autodiff.samediff.SameDiff.create();
    double[][] p = {{1.0, 2.0, 0.5}, {0.0, -1.0, 3.0}};
    double[][] q = {{0.5, 0.5, 0.5}, {2.0, -1.0, 0.0}};
    SDVariable logits = sd.var("z", Nd4j.createFromArray(p));
    SDVariable mask = sd.constant(Nd4j.createFromArray(1.0, 1.0));
    sd.identity("same", KlToReference.build(sd, logits, sd.constant(Nd4j.createFromArray(p)), mask));
    sd.identity("diff", KlToReference.build(sd, logits, sd.constant(Nd4j.createFromArray(q)), mask));
    assertThat(GradCheck.value(sd, "same")).isCloseTo(0.0, within(1e-12));
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double[] lp = logSoftmax(p[i]);
      double[] lq = logSoftmax(q[i]);
      for (int v = 0; v < 3; v++) {
        expected += Math.exp(lq[v]) * (lq[v] - lp[v]) / 2;
      }
    }
    assertThat(GradCheck.value(sd, "diff")).isCloseTo(expected, within(1e-12));
  }

  private static double[] logSoftmax(double[] z) {
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double s = 0;
    for (double v : z) {
      s += Math.exp(v - max);
    }
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = z[i] - max - Math.log(s);
    }
    return out;
  }
}
