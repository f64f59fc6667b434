package dev.unlearn4j.experiment;

import dev.unlearn4j.data.ForgetRequest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** {@code report.md}: what was forgotten, the metrics before / after / oracle, timings and memory. */
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
        .append(s.seed()).append(".\n\n");
    md.append("## What was forgotten\n\n");
    md.append(String.format("%d examples (ids in `splits/forget.txt`, SHA-256 of the id list %s; SHA-256 of the "
        + "forgotten data — ids, labels, contents — %s); retain %d, test %d.%n%n", request.forget().size(),
        audit.forgetIdsSha256(), audit.forgetDataSha256(), request.retain().size(), request.test().size()));
    md.append("## Models\n\n| model | SHA-256 of the weights |\n|---|---|\n");
    md.append("| before (original) | ").append(audit.originalModelSha256()).append(" |\n");
    md.append("| after (unlearned, `model/`) | ").append(audit.unlearnedModelSha256()).append(" |\n\n");
    if (audit.originalModelSha256().equals(audit.unlearnedModelSha256())) {
      md.append("The weights did not change.\n\n");
    }
    md.append(audit.utilityFloor() > 0 ? String.format("Utility floor: retain accuracy stayed at or above %.4f "
        + "after every unlearning epoch (checked; the run would have stopped otherwise).%n%n", audit.utilityFloor())
        : "Utility floor: not set (`eval.utilityFloor`).\n\n");
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
        .append(prov.host().cores()).append(" cores; inputs:\n\n");
    prov.inputs().forEach((k, v) -> md.append("- `").append(k).append("`: ").append(v).append('\n'));
    return md.toString();
  }

  private static String fmt(Map<String, Double> m, String k) {
    Double v = m.get(k);
    return v == null ? "–" : String.format("%.4f", v);
  }
}
