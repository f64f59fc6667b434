package dev.unlearn4j.eval.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.EvalSpec.LabelSet;
import dev.unlearn4j.eval.MetricResult;
import dev.unlearn4j.eval.Predictions;
import org.junit.jupiter.api.Test;

/** Known answers from the metrics spec (§1, examples 1 and 2) and edge cases. */
class F1Test {
  @Test
  void specExampleOneMacroAndMicro() {
    int[] y = {0, 0, 0, 1, 1, 1, 1, 2};
    int[] yHat = {0, 0, 1, 1, 1, 2, 0, 2};
    assertThat(F1.perClass(y, yHat, 0)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(F1.perClass(y, yHat, 1)).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(F1.perClass(y, yHat, 2)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(F1.macro(y, yHat, 3, LabelSet.OBSERVED)).isCloseTo(0.634920634920635, within(1e-9));
    assertThat(F1.micro(y, yHat)).isCloseTo(0.625, within(1e-12));
  }

  @Test
  void perClassMetricReportsEveryClassAndTheLowestOverTheLabelSet() {
    int[] y = {0, 0, 0, 1, 1, 1, 1, 2};
    int[] yHat = {0, 0, 1, 1, 1, 2, 0, 2};
    double[][] logits = new double[y.length][4];
    for (int i = 0; i < y.length; i++) {
      logits[i][yHat[i]] = 1;
    }
    Predictions p = new Predictions(java.util.Collections.nCopies(y.length, "x"), y, logits, 4);
    MetricResult observed = Metrics.get("class_f1").compute(p, new EvalSpec(java.util.List.of("class_f1"), false,
        LabelSet.OBSERVED, 8, 0.0));
    assertThat(observed.parts()).containsOnlyKeys("0", "1", "2", "3");
    assertThat(observed.parts().get("1")).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(observed.parts().get("3")).isEqualTo(0.0);                    // neither true nor predicted
    assertThat(observed.aggregate()).isCloseTo(4.0 / 7, within(1e-12));      // lowest of classes 0..2
    MetricResult all = Metrics.get("class_f1").compute(p, new EvalSpec(java.util.List.of("class_f1"), false,
        LabelSet.ALL, 8, 0.0));
    assertThat(all.aggregate()).isEqualTo(0.0);                               // class 3 counts under "all"
    assertThat(F1.byClass(new int[0], new int[0], 2, LabelSet.OBSERVED).aggregate()).isNaN();
  }

  @Test
  void specExampleTwoLabelSetConvention() {
    int[] y = {1, 1, 1, 1};
    int[] yHat = {1, 0, 1, 1};
    assertThat(F1.macro(y, yHat, 3, LabelSet.OBSERVED)).isCloseTo(0.428571428571429, within(1e-9));
    assertThat(F1.macro(y, yHat, 3, LabelSet.ALL)).isCloseTo(0.285714285714286, within(1e-9));
  }

  @Test
  void allCorrectAndAllWrong() {
    int[] y = {0, 1, 2, 1};
    assertThat(F1.macro(y, y, 3, LabelSet.OBSERVED)).isEqualTo(1.0);
    assertThat(F1.micro(y, y)).isEqualTo(1.0);
    int[] wrong = {1, 2, 0, 0};
    assertThat(F1.macro(y, wrong, 3, LabelSet.OBSERVED)).isEqualTo(0.0);
    assertThat(F1.micro(y, wrong)).isEqualTo(0.0);
  }

  @Test
  void emptySplitIsNaN() {
    assertThat(F1.macro(new int[0], new int[0], 2, LabelSet.OBSERVED)).isNaN();
    assertThat(F1.micro(new int[0], new int[0])).isNaN();
  }
}
