package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.Predictions;
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
        "utility kept: test macro_f1 at most 0.05 below the original's (utility.lost otherwise)",
        "unlearning faster than retraining (unlearn_s / oracle_s < 1)");
    assertThat(c).allMatch(ReportWriter.Check::met);
    assertThat(c.get(2).value()).isEqualTo("|Δ| 0.2000 → 0.0500");
  }

  @Test
  void overshootingTheOracleUtilityLossAndSlownessAreMisses() {
    // forget F1 0.40: below the original, but 0.30 from the oracle (was 0.20); test drops 0.02; slower than retraining
    List<ReportWriter.Check> c = ReportWriter.checks(summary(0.40, 0.93, 1.5), 0);
    assertThat(c).extracting(ReportWriter.Check::met).containsExactly(true, false, false, true, false);
    assertThat(ReportWriter.checks(summary(0.40, 0.85, 0.5), 0).get(3).met()).as("a 0.10 drop loses utility")
        .isFalse();
  }

  @Test
  void utilityCheckFlagsADropAndACollapseToOneClass() {
    EvalResult before = eval(0.95, new int[] {0, 1, 1, 0});
    Map<String, Double> kept = UtilityCheck.of(before, eval(0.93, new int[] {0, 1, 1, 1}));
    assertThat(kept.get("utility.test_macro_f1_drop")).isCloseTo(0.02, within(1e-12));
    assertThat(kept).containsEntry("utility.test_top_class_share", 0.75).containsEntry("utility.lost", 0.0);
    Map<String, Double> collapsed = UtilityCheck.of(before, eval(0.33, new int[] {1, 1, 1, 1}));
    assertThat(collapsed).containsEntry("utility.test_top_class_share", 1.0).containsEntry("utility.lost", 1.0);
  }

  /** An evaluation whose test split has this macro-F1 and these predicted classes (logits one-hot). */
  private static EvalResult eval(double testF1, int[] predicted) {
    double[][] logits = new double[predicted.length][2];
    for (int i = 0; i < predicted.length; i++) {
      logits[i][predicted[i]] = 1;
    }
    Predictions p = new Predictions(List.of("a", "b", "c", "d"), new int[] {0, 1, 1, 0}, logits, 2);
    return new EvalResult(Map.of("test.macro_f1", testF1), List.of(), Map.of("test", p));
  }
}
