package dev.unlearn4j.method.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calibrated F1 threshold: the nearest-rank 95th percentile of unrelated pairs, and what it does to flags. */
class F1CalibrationTest {
  @Test
  void nearestRankPercentile() {
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = (19 - i) / 100.0;                                  // 0.19 .. 0.00, unsorted on purpose
    }
    assertThat(F1Calibration.percentile(twenty, 0.95)).isEqualTo(0.18);   // rank ceil(19) = 19th of 20
    assertThat(F1Calibration.percentile(new double[] {0.7}, 0.95)).isEqualTo(0.7);
    assertThat(F1Calibration.percentile(new double[] {0.1, 0.2, 0.3, 0.4}, 0.5)).isEqualTo(0.2);
  }

  @Test
  void summarisesOwnAndMismatchedScores() {
    double[] mismatched = new double[20];
    for (int i = 0; i < 20; i++) {
      mismatched[i] = (50 + i) / 100.0;                               // 0.50 .. 0.69: p95 = 0.68
    }
    F1Calibration c = F1Calibration.of(new double[] {0.9, 0.68, 0.6, 0.95}, mismatched);
    assertThat(c.mismatchedP95()).isEqualTo(0.68);
    assertThat(c.mismatchedMean()).isCloseTo(0.595, within(1e-12));
    assertThat(c.trueMean()).isCloseTo(0.7825, within(1e-12));
    assertThat(c.trueAboveP95()).isEqualTo(0.75);
    assertThat(F1Calibration.of(new double[0], mismatched)).isEqualTo(F1Calibration.NONE);
  }

  @Test
  void aCalibratedThresholdUnflagsWhatOnlyLooksLikeUnrelatedText() {
    Refinement r = new Refinement(Refinement.Thresholds.defaults(), List.of("a", "b"));
    Map<String, Refinement.Scores> scores = Map.of("a", new Refinement.Scores(0.62, 0.2),
        "b", new Refinement.Scores(0.81, 0.2));
    r.update(scores);
    assertThat(r.flaggedCount()).as("both above ICU's 0.3").isEqualTo(2);
    r.useF1(0.68);
    r.update(scores);
    assertThat(r.flagged("a")).isFalse();
    assertThat(r.flagged("b")).isTrue();
    assertThat(r.thresholds()).isEqualTo(new Refinement.Thresholds(0.68, 0.01));
  }
}
