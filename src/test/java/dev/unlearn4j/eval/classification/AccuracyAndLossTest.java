package dev.unlearn4j.eval.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.MetricResult;
import dev.unlearn4j.eval.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyAndLossTest {
  private final Predictions p = new Predictions(List.of("a", "b", "c"), new int[] {0, 1, 1},
      new double[][] {{2, 1}, {0, 0}, {-1, 3}}, 2);   // predicted 0, 0 (tie → first), 1

  @Test
  void accuracyCountsArgmaxWithTiesToTheFirstClass() {
    MetricResult r = new Accuracy().compute(p, EvalSpec.defaults());
    assertThat(r.aggregate()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(r.perExample()).containsExactly(
        java.util.Map.entry("a", 1.0), java.util.Map.entry("b", 0.0), java.util.Map.entry("c", 1.0));
  }

  @Test
  void crossEntropyIsTheMeanNegativeLogSoftmaxOfTheTrueLabel() {
    MetricResult r = new CrossEntropyMetric().compute(p, EvalSpec.defaults());
    double a = Math.log(1 + Math.exp(-1));   // −log σ(2−1)
    double b = Math.log(2);
    double c = Math.log(1 + Math.exp(-4));
    assertThat(r.perExample().get("a")).isCloseTo(a, within(1e-12));
    assertThat(r.perExample().get("b")).isCloseTo(b, within(1e-12));
    assertThat(r.aggregate()).isCloseTo((a + b + c) / 3, within(1e-12));
  }
}
