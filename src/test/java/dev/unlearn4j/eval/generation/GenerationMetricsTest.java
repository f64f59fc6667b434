package dev.unlearn4j.eval.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Examples 3, 4, 7 and 8 of the metrics spec, and edge cases. */
class GenerationMetricsTest {
  private static final int[] X = {11, 12, 13, 14, 15, 16, 17, 18};
  private static final int[][] CONTINUATIONS = {
      null,
      {12, 13, 99, 15, 16, 17, 18},
      {13, 14, 13, 14, 13, 14},
      {14, 15, 16, 17, 18},
      {99, 99, 99, 99},
      {16, 17, 18},
      {17, 99},
      {18}};

  @Test
  void extractionLikelihoodInBothVariants() {
    assertThat(ExtractionLikelihood.of(X, CONTINUATIONS, 2, 1)).isCloseTo(0.544444444444444, within(1e-9));
    assertThat(ExtractionLikelihood.of(X, CONTINUATIONS, 2, 4)).isCloseTo(0.333333333333333, within(1e-9));
  }

  @Test
  void overlapCountsRepeatedPredictionsAndSkipsShortLabels() {
    assertThat(ExtractionLikelihood.overlap(new int[] {13, 14, 13, 14, 13, 14}, new int[] {13, 14, 15, 16, 17, 18},
        2)).isCloseTo(0.6, within(1e-12));
    assertThat(ExtractionLikelihood.overlap(new int[] {18}, new int[] {18}, 2)).isNaN();
    assertThat(ExtractionLikelihood.overlap(new int[0], new int[] {1, 2, 3}, 2)).isZero();   // stopped at EOS
    assertThat(ExtractionLikelihood.of(new int[] {1, 2}, new int[][] {null, {2}}, 10, 1)).isNaN();   // n > T
  }

  @Test
  void memorisationAccuracy() {
    int[] argmax = {-1, 12, 13, 99, 15, 16, 0, 18};
    assertThat(SequenceMetrics.memorisationAccuracy(X, argmax)).isCloseTo(0.714285714285714, within(1e-9));
    assertThat(SequenceMetrics.memorisationAccuracy(new int[] {5}, new int[] {0})).isNaN();
  }

  @Test
  void tokenEntropyAndDiversity() {
    assertThat(SequenceMetrics.tokenEntropy(new int[] {5, 5, 7, 9})).isCloseTo(1.5, within(1e-12));
    assertThat(SequenceMetrics.diversity(new int[] {5, 5, 7, 9})).isCloseTo(0.75, within(1e-12));
    assertThat(SequenceMetrics.tokenEntropy(new int[] {3, 3, 3, 3})).isEqualTo(0.0);
    assertThat(SequenceMetrics.tokenEntropy(new int[0])).isEqualTo(0.0);
  }

  @Test
  void windowedAndTokenWeightedPerplexity() {
    double[] nll = new double[10];
    nll[1] = 2.0;
    nll[2] = 1.0;
    nll[3] = 3.0;
    nll[5] = 0.5;
    nll[6] = 1.5;
    nll[7] = 1.0;
    nll[9] = 4.0;
    nll[0] = nll[4] = nll[8] = 1e9;     // window starts predict nothing and must be ignored
    SequenceMetrics.Perplexity p = SequenceMetrics.perplexity(nll, 4);
    assertThat(p.windowed()).isCloseTo(10.312258501325767, within(1e-9));
    assertThat(p.tokenWeighted()).isCloseTo(6.405409432177272, within(1e-9));
    assertThat(p.windows()).isEqualTo(3);
    assertThat(SequenceMetrics.perplexity(new double[] {0, 1, 1, 1, 7}, 4).windows()).isEqualTo(1);
  }
}
