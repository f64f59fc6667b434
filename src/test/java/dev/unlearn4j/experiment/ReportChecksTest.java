package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's targets from hand-built summaries: each met or missed by its own rule. */
class ReportChecksTest {
  private static Summary summary(double forgetAfter, double testAfter, double ratio) {
    return new Summary("e", "m", "model", "data", 1, Map.of("forget.macro_f1", 0.90, "test.macro_f1", 0.95),
        Map.of("forget.macro_f1", forgetAfter, "test.macro_f1", testAfter, "retain.accuracy", 0.97),
        Map.of("forget.macro_f1", 0.70), Map.of("retrain_ratio", ratio), Map.of());
  }

  @Test
  void everyTargetMet() {
    List<ReportWriter.Check> c = ReportWriter.checks(summary(0.75, 0.945, 0.4), 0.5);
    assertThat(c).extracting(ReportWriter.Check::what).containsExactly(
        "retain accuracy ≥ utility floor 0.5000 after every epoch", "forget macro_f1 below the original's",
        "forget macro_f1 no further from the oracle's than before", "test macro_f1 within 0.01 of the original's",
        "unlearning faster than retraining (unlearn_s / oracle_s < 1)");
    assertThat(c).allMatch(ReportWriter.Check::met);
    assertThat(c.get(2).value()).isEqualTo("|Δ| 0.2000 → 0.0500");
  }

  @Test
  void overshootingTheOracleUtilityLossAndSlownessAreMisses() {
    // forget F1 0.40: below the original, but 0.30 from the oracle (was 0.20); test drops 0.02; slower than retraining
    List<ReportWriter.Check> c = ReportWriter.checks(summary(0.40, 0.93, 1.5), 0);
    assertThat(c).extracting(ReportWriter.Check::met).containsExactly(true, false, false, false);
  }
}
