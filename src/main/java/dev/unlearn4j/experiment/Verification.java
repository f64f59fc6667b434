package dev.unlearn4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Was it really forgotten? The report's verdicts from three tests, each against the retrained oracle, with the
 * thresholds in docs/verification.md: the membership-inference AUC, the KS test of forget-set losses, and the
 * relearning attack (removed / hidden / not forgotten).
 */
final class Verification {
  /** |AUC − oracle's AUC| at most this reads as "like the oracle". */
  static final double AUC_TOLERANCE = 0.05;
  /** A KS p-value at least this reads as "indistinguishable from the oracle". */
  static final double KS_ALPHA = 0.05;
  /** A gap closed by less than this share (original → oracle, on the held-out half) is "not forgotten". */
  static final double MIN_CLOSURE = 0.5;
  /** An original–oracle gap smaller than this leaves nothing for the attack to recover. */
  static final double MIN_GAP = 0.05;

  private Verification() {}

  /** One test: what, the measured value, and the verdict in words. */
  record Verdict(String what, String value, String verdict) {}

  static List<Verdict> of(Summary s) {
    List<Verdict> out = new ArrayList<>();
    Map<String, Double> a = s.after();
    Double auc = a.get("mia.loss_auc");
    Double oracleAuc = s.oracle().get("mia.loss_auc");
    if (auc != null && oracleAuc != null) {
      out.add(new Verdict("membership-inference AUC (LOSS), forget vs test", String.format("%.4f (oracle %.4f)",
          auc, oracleAuc), Math.abs(auc - oracleAuc) <= AUC_TOLERANCE ? "like the oracle"
          : "differs from the oracle by more than " + AUC_TOLERANCE));
    }
    Double ks = a.get("forget_quality.log10_p");
    if (ks != null) {
      out.add(new Verdict("KS test, forget-set losses vs the oracle's", String.format("log10 p %.2f", ks),
          ks >= Math.log10(KS_ALPHA) ? "indistinguishable (p ≥ " + KS_ALPHA + ")"
          : "distinguishable (p < " + KS_ALPHA + ")"));
    }
    Double recovery = a.get("relearn.recovery");
    if (recovery != null) {
      out.add(new Verdict("relearning attack: share of the way back to the original", relearnValue(a),
          relearnVerdict(a)));
    }
    return out;
  }

  private static String relearnValue(Map<String, Double> a) {
    return String.format("%.2f (oracle %.2f)", a.get("relearn.recovery"), a.get("relearn.oracle_recovery"));
  }

  /** removed / hidden / not forgotten, or why no verdict is possible. */
  static String relearnVerdict(Map<String, Double> a) {
    double fo = a.get("relearn.original.macro_f1");
    double fu = a.get("relearn.before.macro_f1");
    Double fr = a.get("relearn.oracle_before.macro_f1");
    if (fr == null) {
      return "no verdict: needs the oracle (eval.oracle)";
    }
    if (Math.abs(fo - fr) < MIN_GAP) {
      return "no verdict: the oracle scores the held-out half like the original (nothing to recover)";
    }
    if ((fo - fu) / (fo - fr) < MIN_CLOSURE) {
      return "not forgotten: less than " + MIN_CLOSURE + " of the way from the original to the oracle";
    }
    return a.get("relearn.hidden") == 1.0 ? "hidden: relearnt faster than the oracle learns it"
        : "removed: relearnt no faster than the oracle learns it";
  }
}
