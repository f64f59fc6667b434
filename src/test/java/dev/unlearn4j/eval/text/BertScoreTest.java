package dev.unlearn4j.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Example 6 of the metrics spec: special tokens stay candidates in the maxima but carry no weight. */
class BertScoreTest {
  @Test
  void greedyMatchingMatchesTheWorkedExample() {
    double[][] cand = {{1, 1, 1}, {2, 0, 0}, {0, 3, 4}, {1, -1, 0}};
    boolean[] candSpecial = {true, false, false, true};
    double[][] ref = {{1, 1, 1}, {3, 4, 0}, {0, 0, 2}, {1, 0, 1}, {1, -1, 0}};
    boolean[] refSpecial = {true, false, false, false, true};
    BertScore.Score s = BertScore.score(cand, candSpecial, ref, refSpecial);
    assertThat(s.precision()).isCloseTo(0.757698579026012, within(1e-9));
    assertThat(s.recall()).isCloseTo(0.808262319264401, within(1e-9));
    assertThat(s.f1()).isCloseTo(0.782164115918212, within(1e-9));
  }

  @Test
  void emptyTextScoresZero() {
    double[][] specialsOnly = {{1, 0}, {0, 1}};
    BertScore.Score s = BertScore.score(specialsOnly, new boolean[] {true, true}, new double[][] {{1, 0}, {1, 1},
        {0, 1}}, new boolean[] {true, false, true});
    assertThat(s.precision()).isZero();
    assertThat(s.f1()).isZero();
  }
}
