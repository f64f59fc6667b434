package dev.unlearn4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.testing.GradCheck;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class CrossEntropyTest {
  // rows 0-1 are forget rows, rows 2-4 retain rows
  private static final double[][] LOGITS = {
      {2.0, -1.0, 0.5}, {0.1, 0.2, 0.3}, {-3.0, 4.0, 1.0}, {1.5, 1.5, -0.5}, {0.0, -2.0, 2.5}};
  private static final int[] LABELS = {0, 2, 1, 0, 1};

  private static LossInputs inputs(SameDiff sd, double[][] logits) {
    double[][] oneHot = new double[LABELS.length][3];
    for (int i = 0; i < LABELS.length; i++) {
      oneHot[i][LABELS[i]] = 1;
    }
    SDVariable z = sd.var("z", Nd4j.createFromArray(logits));
    return new LossInputs(sd, z, z, sd.constant(Nd4j.createFromArray(oneHot)),
        sd.constant(Nd4j.createFromArray(1.0, 1.0, 0.0, 0.0, 0.0)),
        sd.constant(Nd4j.createFromArray(0.0, 0.0, 1.0, 1.0, 1.0)), sd.constant(Nd4j.ones(DataType.DOUBLE, 5)));
  }

  /** Plain-Java reference: mean of −log softmax(z_i)[y_i] over rows from..to−1. */
  private static double reference(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : LOGITS[i]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : LOGITS[i]) {
        sum += Math.exp(v - max);
      }
      s += -(LOGITS[i][LABELS[i]] - max - Math.log(sum));
    }
    return s / (to - from);
  }

  @Test
  void maskedCrossEntropyMatchesPlainJava() {
    SameDiff sd = SameDiff.create();
    LossInputs in = inputs(sd, LOGITS);
    in.sd().identity("retain", CrossEntropy.onRetain().build(in));
    in.sd().identity("forget", CrossEntropy.onForget().build(in));
    in.sd().identity("ascent", CrossEntropy.negatedOnForget().build(in));
    assertThat(GradCheck.value(sd, "retain")).isCloseTo(reference(2, 5), within(1e-12));
    assertThat(GradCheck.value(sd, "forget")).isCloseTo(reference(0, 2), within(1e-12));
    assertThat(GradCheck.value(sd, "ascent")).isCloseTo(-reference(0, 2), within(1e-12));
  }

  @Test
  void emptyMaskGivesZeroNotNaN() {
    SameDiff sd = SameDiff.create();
    SDVariable z = sd.var("z", Nd4j.createFromArray(LOGITS));
    LossInputs in = new LossInputs(sd, z, z, sd.constant(Nd4j.zeros(DataType.DOUBLE, 5, 3)),
        sd.constant(Nd4j.zeros(DataType.DOUBLE, 5)), sd.constant(Nd4j.zeros(DataType.DOUBLE, 5)),
        sd.constant(Nd4j.ones(DataType.DOUBLE, 5)));
    in.sd().identity("out", CrossEntropy.onForget().build(in));
    assertThat(GradCheck.value(sd, "out")).isEqualTo(0.0);
  }

  @Test
  void crossEntropyGradientsMatchFiniteDifferences() {
    for (String which : List.of("retain", "ascent")) {
      SameDiff sd = SameDiff.create();
      LossInputs in = inputs(sd, randomLogits(11));
      LossTerm term = which.equals("retain") ? CrossEntropy.onRetain() : CrossEntropy.negatedOnForget();
      sd.identity("loss", term.build(in));
      GradCheck.Result r = GradCheck.check(sd, "loss", List.of("z"), 1e-6);
      assertThat(r.checked()).isEqualTo(15);
      assertThat(r.maxRelativeError()).as(which).isLessThan(1e-5);
    }
  }

  @Test
  void gradientAscentGradientIsTheNegatedDescentGradient() {
    SameDiff a = SameDiff.create();
    LossInputs ia = inputs(a, LOGITS);
    a.identity("loss", CrossEntropy.onForget().build(ia));
    a.setLossVariables("loss");
    GradFunction fa = GradFunction.create(a);
    SameDiff b = SameDiff.create();
    LossInputs ib = inputs(b, LOGITS);
    b.identity("loss", CrossEntropy.negatedOnForget().build(ib));
    b.setLossVariables("loss");
    GradFunction fb = GradFunction.create(b);
    var ga = fa.gradients(java.util.Map.of(), java.util.List.of("z")).get("z");
    var gb = fb.gradients(java.util.Map.of(), java.util.List.of("z")).get("z");
    assertThat(ga.amaxNumber().doubleValue()).isGreaterThan(0.01);
    assertThat(gb.add(ga).amaxNumber().doubleValue()).isLessThan(1e-12);
  }

  private static double[][] randomLogits(long seed) {
    Random r = new Random(seed);
    double[][] z = new double[5][3];
    for (double[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] = r.nextGaussian() * 2;
      }
    }
    return z;
  }
}
