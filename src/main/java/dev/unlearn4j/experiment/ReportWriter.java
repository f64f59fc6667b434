package dev.unlearn4j.experiment;

import dev.unlearn4j.data.ForgetRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.md}: what was forgotten, both models, which targets were met, the metrics before / after / oracle,
 * timings and memory.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * What identifies the request and the models.
   *
   * @param forgetIdsSha256 SHA-256 of splits/forget.txt as written
   * @param forgetDataSha256 SHA-256 of the forgotten examples' ids, labels and contents
   * @param originalModelSha256 weight fingerprint of the model before unlearning
   * @param unlearnedModelSha256 weight fingerprint of the model after unlearning (saved in model/)
   * @param utilityFloor eval.utilityFloor (0: not checked)
   */
  public record Audit(String forgetIdsSha256, String forgetDataSha256, String originalModelSha256,
      String unlearnedModelSha256, double utilityFloor) {}

  public static String render(Summary s, ForgetRequest request, Audit audit, Provenance prov) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(s.experiment()).append(" — ").append(s.method()).append("\n\n");
    md.append("Model `").append(s.model()).append("` on dataset `").append(s.dataset()).append("`, seed ")
        .append(s.seed()).append(".");
    if (!s.labelNames().isEmpty()) {
      md.append(" Classes, by label index: ");
      for (int c = 0; c < s.labelNames().size(); c++) {
        md.append(c == 0 ? "" : ", ").append(c).append(" `").append(s.labelNames().get(c)).append('`');
      }
      md.append('.');
    }
    md.append("\n\n## What was forgotten\n\n");
    md.append(String.format("%d examples (ids in `splits/forget.txt`, SHA-256 of the id list %s; SHA-256 of the "
        + "forgotten data — ids, labels, contents — %s); retain %d, test %d.%n%n", request.forget().size(),
        audit.forgetIdsSha256(), audit.forgetDataSha256(), request.retain().size(), request.test().size()));
    md.append("## Models\n\n| model | SHA-256 of the weights |\n|---|---|\n");
    md.append("| before (original) | ").append(audit.originalModelSha256()).append(" |\n");
    md.append("| after (unlearned, `model/`) | ").append(audit.unlearnedModelSha256()).append(" |\n\n");
    if (audit.originalModelSha256().equals(audit.unlearnedModelSha256())) {
      md.append("The weights did not change.\n\n");
    }
    md.append("## Checks\n\n| check | value | met |\n|---|---:|:---:|\n");
    for (Check c : checks(s, audit.utilityFloor())) {
      md.append("| ").append(c.what()).append(" | ").append(c.value()).append(" | ")
          .append(c.met() ? "yes" : "**no**").append(" |\n");
    }
    md.append('\n');
    md.append(Verification.markdown(Verification.of(s)));
    md.append("## Metrics\n\n| metric | before | after | oracle |\n|---|---:|---:|---:|\n");
    Set<String> keys = new LinkedHashSet<>(s.before().keySet());
    keys.addAll(s.after().keySet());
    for (String k : keys) {
      md.append("| ").append(k).append(" | ").append(fmt(s.before(), k)).append(" | ")
          .append(fmt(s.after(), k)).append(" | ").append(fmt(s.oracle(), k)).append(" |\n");
    }
    md.append("\n## Cost\n\n| quantity | value |\n|---|---:|\n");
    s.timing().forEach((k, v) -> md.append(String.format("| %s | %.3f |%n", k, v)));
    s.memory().forEach((k, v) -> md.append(String.format("| %s | %d |%n", k, v)));
    md.append("\n## Provenance\n\n");
    md.append("git ").append(prov.gitCommit()).append(", ").append(prov.jdk()).append(", ND4J ")
        .append(prov.nd4jBackend()).append(' ').append(prov.nd4jVersion()).append(", ")
        .append(prov.host().cores()).append(" cores, ").append(prov.host().threads())
        .append(" native threads; inputs:\n\n");
    prov.inputs().forEach((k, v) -> md.append("- `").append(k).append("`: ").append(v).append('\n'));
    return md.toString();
  }

  /** One target of the run and whether it was met. */
  record Check(String what, String value, boolean met) {}

  /**
   * The run's targets, each where its metrics were computed: the utility floor (when set), forgetting (forget
   * macro-F1 below the original's, and no further from the oracle's than before), utility (test macro-F1 within 1
   * point of the original's, and not lost: at most {@link UtilityCheck#TOLERANCE} below it) and cost (unlearning
   * faster than retraining).
   */
  static List<Check> checks(Summary s, double utilityFloor) {
    List<Check> out = new ArrayList<>();
    if (utilityFloor > 0) {
      out.add(new Check(String.format("retain accuracy ≥ utility floor %.4f after every epoch", utilityFloor),
          fmt(s.after(), "retain.accuracy"), true));                  // the run stops with an error otherwise
    }
    Double fb = s.before().get("forget.macro_f1");
    Double fa = s.after().get("forget.macro_f1");
    if (fb != null && fa != null) {
      out.add(new Check("forget macro_f1 below the original's", String.format("%.4f → %.4f", fb, fa), fa < fb));
      Double fo = s.oracle().get("forget.macro_f1");
      if (fo != null) {
        out.add(new Check("forget macro_f1 no further from the oracle's than before",
            String.format("|Δ| %.4f → %.4f", Math.abs(fb - fo), Math.abs(fa - fo)),
            Math.abs(fa - fo) <= Math.abs(fb - fo)));
      }
    }
    Double tb = s.before().get("test.macro_f1");
    Double ta = s.after().get("test.macro_f1");
    if (tb != null && ta != null) {
      out.add(new Check("test macro_f1 within 0.01 of the original's", String.format("%.4f → %.4f", tb, ta),
          ta >= tb - 0.01));
      Double share = s.after().get("utility.test_top_class_share");
      out.add(new Check(String.format("utility kept: test macro_f1 at most %.2f below the original's (utility.lost "
          + "otherwise)", UtilityCheck.TOLERANCE), String.format("drop %.4f%s", tb - ta, share == null ? ""
          : String.format(", %.0f %% of test predictions in one class", 100 * share)),
          tb - ta <= UtilityCheck.TOLERANCE));
    }
    Double ratio = s.timing().get("retrain_ratio");
    if (ratio != null) {
      out.add(new Check("unlearning faster than retraining (unlearn_s / oracle_s < 1)",
          String.format("%.3f", ratio), ratio < 1));
    }
    return out;
  }

  private static String fmt(Map<String, Double> m, String k) {
    Double v = m.get(k);
    return v == null ? "–" : String.format("%.4f", v);
  }
}
