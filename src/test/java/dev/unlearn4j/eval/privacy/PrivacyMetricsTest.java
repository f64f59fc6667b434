package dev.unlearn4j.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Examples 9–14 of the metrics spec, and edge cases. */
class PrivacyMetricsTest {
  @Test
  void lossAndMinK() {
    double[] l = {-0.1, -2.3, -0.5, -4.0, -1.2};
    assertThat(MiaScores.loss(l)).isCloseTo(1.62, within(1e-12));
    assertThat(MiaScores.minK(l, 0.2)).isCloseTo(4.0, within(1e-12));
    assertThat(MiaScores.minK(l, 0.4)).isCloseTo(3.15, within(1e-12));
    assertThat(MiaScores.loss(new double[0])).isZero();
  }

  @Test
  void minKPlusPlusAndZlib() {
    double[][] p = {{0.7, 0.2, 0.1}, {0.5, 0.3, 0.2}, {0.1, 0.1, 0.8}, {0.6, 0.3, 0.1}};
    int[] targets = {0, 2, 2, 1};
    assertThat(MiaScores.minKPlusPlus(p, targets, 0.2)).isCloseTo(1.590007573577039, within(1e-9));
    assertThat(MiaScores.minKPlusPlus(p, targets, 0.5)).isCloseTo(1.067498540170497, within(1e-9));
    double[] logProbs = {Math.log(0.7), Math.log(0.2), Math.log(0.8), Math.log(0.3)};
    assertThat(MiaScores.loss(logProbs)).isCloseTo(0.848307303003245, within(1e-9));
    assertThat(MiaScores.zlibLength("the the the the the the the the")).isEqualTo(14);
    assertThat(MiaScores.zlibLength("Four score and seven years ago")).isEqualTo(38);
    assertThat(MiaScores.zlibLength("")).isEqualTo(8);
    assertThat(MiaScores.zlib(logProbs, "Four score and seven years ago")).isCloseTo(0.022323876394822,
        within(1e-9));
  }

  @Test
  void aucCountsTiesAsHalf() {
    assertThat(Auc.of(new double[] {0.2, 0.5, 0.9}, new double[] {0.4, 0.9, 1.5, 2.0}))
        .isCloseTo(0.791666666666667, within(1e-12));
    assertThat(Auc.of(new double[] {1, 1}, new double[] {1})).isEqualTo(0.5);
    assertThat(Auc.of(new double[0], new double[] {1})).isNaN();
  }

  @Test
  void ksExactPValues() {
    KsTest.Result r = KsTest.test(new double[] {0.1, 0.4, 0.5, 0.9}, new double[] {0.2, 0.6, 0.7, 0.8, 1.0});
    assertThat(r.d()).isCloseTo(0.55, within(1e-12));
    assertThat(r.p()).isCloseTo(0.428571428571429, within(1e-9));
    assertThat(r.log10p()).isCloseTo(-0.367976785294594, within(1e-9));
    double[] a = new double[8];
    double[] b = new double[8];
    for (int i = 0; i < 8; i++) {
      a[i] = i + 1;
      b[i] = i + 9;
    }
    KsTest.Result sep = KsTest.test(a, b);
    assertThat(sep.d()).isEqualTo(1.0);
    assertThat(sep.p()).isCloseTo(1.554001554001554e-4, within(1e-15));
    assertThat(sep.log10p()).isCloseTo(-3.808548551240405, within(1e-9));
    assertThat(KsTest.test(a, a).p()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void ksKeepsPrecisionForTinyPValues() {
    double[] a = new double[300];
    double[] b = new double[300];
    for (int i = 0; i < 300; i++) {
      a[i] = i;
      b[i] = 1000 + i;
    }
    // fully separated samples: p = 2 / C(600, 300), about 1e-179
    double expected = Math.log10(2) - log10Binomial(600, 300);
    assertThat(KsTest.test(a, b).log10p()).isCloseTo(expected, within(1e-6));
  }

  private static double log10Binomial(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log10(n - k + i) - Math.log10(i);
    }
    return s;
  }
}
