package dev.unlearn4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Was it really forgotten? The report's verdicts from three tests, each against a model that never saw the forget
 * data (the retrained oracle; for sequence runs the original on unseen passages), with the thresholds in
 * docs/verification.md: the membership-inference AUC, the KS test of forget-set losses (classification), and the
 * relearning attack (removed / hidden / not forgotten).
 */
public final class Verification {
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
  public record Verdict(String what, String value, String verdict) {}

  /** The report's "Verification" section, or "" when no test ran. */
  public static String markdown(List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## Verification\n\n| test | value | verdict |\n|---|---:|---|\n");
    verdicts.forEach(v -> md.append("| ").append(v.what()).append(" | ").append(v.value()).append(" | ")
        .append(v.verdict()).append(" |\n"));
    return md.append('\n').toString();
  }

  /**
   * A sequence run's verdicts: the LOSS membership AUC of forget vs unseen passages against 0.5 (what a model that
   * never saw either gets), and the relearning attack, whose baseline is the original on unseen passages.
   */
  public static List<Verdict> ofSequence(Summary s) {
    List<Verdict> out = new ArrayList<>();
    Double auc = s.after().get("mia.loss_auc");
    if (auc != null) {
      out.add(new Verdict("membership-inference AUC (LOSS), forget vs unseen passages", String.format(
          "%.4f (never seen: 0.5)", auc), Math.abs(auc - 0.5) <= AUC_TOLERANCE ? "like passages never seen"
          : "told apart from passages never seen (AUC more than " + AUC_TOLERANCE + " from 0.5)"));
    }
    addRelearn(out, s.after(), "ma");
    return out;
  }

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
    addRelearn(out, a, "macro_f1");
    return out;
  }

  private static void addRelearn(List<Verdict> out, Map<String, Double> a, String metric) {
    if (a.get("relearn.recovery") != null) {
      out.add(new Verdict("relearning attack: share of the way back to the original", relearnValue(a),
          relearnVerdict(a, metric)));
    }
  }

  private static String relearnValue(Map<String, Double> a) {
    return String.format("%.2f (oracle %.2f)", a.get("relearn.recovery"), a.get("relearn.oracle_recovery"));
  }

  /** removed / hidden / not forgotten, or why no verdict is possible, judged on {@code relearn.*.<metric>}. */
  static String relearnVerdict(Map<String, Double> a, String metric) {
    double fo = a.get("relearn.original." + metric);
    double fu = a.get("relearn.before." + metric);
    Double fr = a.get("relearn.oracle_before." + metric);
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
