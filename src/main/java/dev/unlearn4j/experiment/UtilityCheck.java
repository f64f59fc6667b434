package dev.unlearn4j.experiment;

import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.eval.Predictions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether unlearning kept the model useful, in the summary beside the metrics: how far test macro-F1 fell from the
 * original's ({@code utility.test_macro_f1_drop}), the share of test examples given the most frequent predicted
 * class ({@code utility.test_top_class_share}, 1.0 for a model collapsed to one class) and {@code utility.lost}
 * (1 when the drop exceeds {@link #TOLERANCE}, else 0), so a table or a script sees a collapse without reading the
 * report.
 */
final class UtilityCheck {
  /** The largest test macro-F1 drop that still counts as keeping utility. */
  static final double TOLERANCE = 0.05;

  private UtilityCheck() {}

  /** The utility keys of {@code after} against {@code before}; empty when either lacks test macro-F1. */
  static Map<String, Double> of(EvalResult before, EvalResult after) {
    Map<String, Double> out = new LinkedHashMap<>();
    Double tb = before.aggregates().get("test.macro_f1");
    Double ta = after.aggregates().get("test.macro_f1");
    if (tb == null || ta == null) {
      return out;
    }
    double drop = tb - ta;
    out.put("utility.test_macro_f1_drop", drop);
    Predictions test = after.predictions().get("test");
    if (test != null && test.size() > 0) {
      int[] counts = new int[test.numClasses()];
      for (int p : test.predicted()) {
        counts[p]++;
      }
      out.put("utility.test_top_class_share", (double) Arrays.stream(counts).max().getAsInt()
          / test.size());
    }
    out.put("utility.lost", drop > TOLERANCE ? 1.0 : 0.0);
    return out;
  }
}
