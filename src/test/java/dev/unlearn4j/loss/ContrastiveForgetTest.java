package dev.unlearn4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.loss.ContrastiveForget.EmptySet;
import dev.unlearn4j.loss.ContrastiveForget.Normalisation;
import dev.unlearn4j.nn.GradFunction;
import dev.unlearn4j.nn.Primitives;
import dev.unlearn4j.testing.GradCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The known-answer example of the DeepCUT spec (§7) and the loss's guards and gradients. */
class ContrastiveForgetTest {
  private static final double D30 = Math.toRadians(30);
  private static final double D60 = Math.toRadians(60);
  private static final double D120 = Math.toRadians(120);
  // rows: u1, u2 (forget), r1..r4 (retain)
  private static final double[][] LATENTS = {{1, 0}, {0, 2}, {Math.cos(D30), Math.sin(D30)},
      {Math.cos(D60), Math.sin(D60)}, {Math.cos(D120), Math.sin(D120)}, {-2, 0}};
  private static final int[] LABELS = {0, 1, 0, 0, 1, 1};

  private static double value(double[][] latents, int[] labels, double[] anchors, Normalisation n, EmptySet e) {
    SameDiff sd = SameDiff.create();
    sd.identity("lf", build(sd, latents, labels, anchors, n, e));
    return GradCheck.value(sd, "lf");
  }

  private static SDVariable build(SameDiff sd, double[][] latents, int[] labels, double[] anchors,
      Normalisation n, EmptySet e) {
    double[][] oneHot = new double[labels.length][2];
    double[] contrast = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      oneHot[i][labels[i]] = 1;
      contrast[i] = i >= 2 ? 1 : 0;                  // the contrast set is always r1..r4
    }
    return ContrastiveForget.build(sd, sd.var("z", Nd4j.createFromArray(latents)),
        sd.constant(Nd4j.createFromArray(oneHot)), sd.constant(Nd4j.createFromArray(anchors)),
        sd.constant(Nd4j.createFromArray(contrast)), 0.5, n, e);
  }

  private static final double[] BOTH = {1, 1, 0, 0, 0, 0};

  @Test
  void allThreeNormalisationsMatchTheWorkedExample() {
    assertThat(value(LATENTS, LABELS, BOTH, Normalisation.TEXTBOOK, EmptySet.SKIP))
        .isCloseTo(2.076821378613946, within(1e-9));
    assertThat(value(LATENTS, LABELS, BOTH, Normalisation.LEE, EmptySet.SKIP))
        .isCloseTo(2.354604651551234, within(1e-9));
    assertThat(value(LATENTS, LABELS, BOTH, Normalisation.ALL_DENOMINATOR, EmptySet.SKIP))
        .isCloseTo(2.513317756146218, within(1e-9));
  }

  @Test
  void perAnchorValuesMatchTheWorkedExample() {
    double[] onlyU1 = {1, 0, 0, 0, 0, 0};
    double[] onlyU2 = {0, 1, 0, 0, 0, 0};
    assertThat(value(LATENTS, LABELS, onlyU1, Normalisation.TEXTBOOK, EmptySet.SKIP))
        .isCloseTo(3.624715471911070, within(1e-9));
    assertThat(value(LATENTS, LABELS, onlyU2, Normalisation.LEE, EmptySet.SKIP))
        .isCloseTo(0.691829166849205, within(1e-9));
    assertThat(value(LATENTS, LABELS, onlyU2, Normalisation.ALL_DENOMINATOR, EmptySet.SKIP))
        .isCloseTo(1.343540260192097, within(1e-9));
  }

  @Test
  void anchorWithoutSameClassContrastIsSkippedOrUsesLogOne() {
    // relabel r3 and r4 as class 0: anchor u2 (class 1) has S = ∅, O = all four
    int[] labels = {0, 1, 0, 0, 0, 0};
    double[] onlyU2 = {0, 1, 0, 0, 0, 0};
    assertThat(value(LATENTS, labels, onlyU2, Normalisation.TEXTBOOK, EmptySet.SKIP)).isEqualTo(0.0);
    // lee + add_one: ℓ = −(1/|O|)·Σ_O s̃ with log(0 + 1) = 0 for the push term
    double[] s = new double[4];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 4; c++) {
      double[] r = LATENTS[c + 2];
      s[c] = r[1] / Math.hypot(r[0], r[1]) / 0.5;      // z_u2 = (0, 1)
      max = Math.max(max, s[c]);
    }
    double expected = 0;
    for (double v : s) {
      expected -= (v - max) / 4;
    }
    assertThat(value(LATENTS, labels, onlyU2, Normalisation.LEE, EmptySet.ADD_ONE))
        .isCloseTo(expected, within(1e-9));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    for (Normalisation n : List.of(Normalisation.TEXTBOOK, Normalisation.ALL_DENOMINATOR)) {
      SameDiff sd = SameDiff.create();
      sd.identity("lf", build(sd, LATENTS, LABELS, BOTH, n, EmptySet.SKIP));
      GradCheck.Result r = GradCheck.check(sd, "lf", List.of("z"), 1e-6);
      assertThat(r.checked()).isEqualTo(12);
      assertThat(r.maxRelativeError()).as(n.key()).isLessThan(1e-5);
    }
  }

  /**
   * Lee's row maximum is detached, so finite differences of the loss do not see the gradient it has. Instead:
   * ℓ_lee = −(1/|O|)·[Σ_O s − M·LSE_S(s)] + (a detached term), so its gradient must equal that of the undetached
   * expression, whose gradient is checked by finite differences.
   */
  @Test
  void leeGradientIsThatOfItsUndetachedPart() {
    SameDiff sd = SameDiff.create();
    sd.identity("lf", build(sd, LATENTS, LABELS, BOTH, Normalisation.LEE, EmptySet.SKIP));
    sd.setLossVariables("lf");
    INDArray lee = GradFunction.create(sd).gradients(Map.of(), java.util.List.of("z")).get("z");

    SameDiff ref = SameDiff.create();
    SDVariable z = ref.var("z", Nd4j.createFromArray(LATENTS));
    SDVariable zn = z.div(ref.math.sqrt(z.mul(z).sum(true, 1)));
    SDVariable sim = ref.mmul(zn, zn, false, true, false).div(0.5);        // [6, 6]
    // anchors u1 (S = {r1, r2}, O = {r3, r4}) and u2 (S = {r3, r4}, O = {r1, r2}); M = 4, |O| = 2
    double[][] sMask = {{0, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 1, 1}};
    double[][] oMask = {{0, 0, 0, 0, 1, 1}, {0, 0, 1, 1, 0, 0}};
    SDVariable rows = ref.constant(Nd4j.createFromArray(new double[][] {{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}}));
    SDVariable s2 = ref.mmul(rows, sim);                                     // [2, 6] anchor rows
    SDVariable pull = s2.mul(ref.constant(Nd4j.createFromArray(oMask))).sum(1);
    SDVariable lse = ref.math.log(ref.math.exp(s2).mul(ref.constant(Nd4j.createFromArray(sMask))).sum(1));
    ref.identity("lf", pull.sub(lse.mul(4.0)).div(2.0).neg().mean());
    GradCheck.Result fd = GradCheck.check(ref, "lf", List.of("z"), 1e-6);
    assertThat(fd.maxRelativeError()).isLessThan(1e-5);
    INDArray expected = ref.calculateGradients(Map.of(), "z").get("z");
    assertThat(lee.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-9);
  }

  @Test
  void detachKeepsTheValueAndDropsTheGradient() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.var("x", Nd4j.createFromArray(1.3, -0.7, 123.456789));
    sd.identity("y", x.mul(x).sum().add(Primitives.detach(sd, x).mul(10).sum()));
    sd.setLossVariables("y");
    INDArray g = GradFunction.create(sd).gradients(Map.of(), java.util.List.of("x")).get("x");
    assertThat(g.toDoubleVector()).containsExactly(new double[] {2.6, -1.4, 246.913578}, within(1e-9));
    assertThat(GradCheck.value(sd, "y")).isCloseTo(1.69 + 0.49 + 123.456789 * 123.456789
        + 10 * (1.3 - 0.7 + 123.456789), within(1e-8));
  }
}
