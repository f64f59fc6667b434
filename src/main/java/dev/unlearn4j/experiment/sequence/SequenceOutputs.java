package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.experiment.Provenance;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.Summary;
import dev.unlearn4j.experiment.Verification;
import dev.unlearn4j.method.generative.ContinuationScorer;
import dev.unlearn4j.pretrain.PassagePool;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files only a sequence run has: {@code refinement_log.csv} (one row per check), {@code metrics.csv} (per
 * passage, before and after), {@code splits/} (forget ids, analogue pairs), and its {@code report.md}; the
 * provenance and summary are written by {@code RunRecord}, as for every run.
 */
final class SequenceOutputs {
  private SequenceOutputs() {}

  private static final String[] PER_PASSAGE = {"ma", "el_icu", "bertscore_f1", "bleu", "token_entropy"};

  static void write(RunDirectory run, EpochCheck check, PassageSets sets, List<PassagePool.Passage> analogues) {
    StringBuilder log = new StringBuilder("epoch,flagged,ma,el_icu,bertscore_f1,bleu,token_entropy,"
        + "unseen_perplexity\n");
    for (EpochCheck.Row r : check.rows()) {
      log.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", r.epoch(), r.flagged(), r.ma(),
          r.el(), r.f1(), r.bleu(), r.entropy(), r.perplexity()));
    }
    run.writeString("refinement_log.csv", log.toString());

    StringBuilder m = new StringBuilder("phase,split,id,metric,value\n");
    appendRows(m, "before", check.firstPerPassage());
    appendRows(m, "after", check.lastPerPassage());
    run.writeString(RunDirectory.METRICS, m.toString());

    StringBuilder pairs = new StringBuilder("forget_id,analogue_id\n");
    for (int i = 0; i < sets.forget().size(); i++) {
      pairs.append(sets.forget().get(i).id()).append(',').append(analogues.get(i).id()).append('\n');
    }
    run.writeString(RunDirectory.SPLITS + "/analogues.csv", pairs.toString());
    run.writeString(RunDirectory.SPLITS + "/forget.txt", String.join("\n", sets.forget().stream()
        .map(PassagePool.Passage::id).toList()) + "\n");
  }

  private static void appendRows(StringBuilder m, String phase, Map<String, double[]> per) {
    per.forEach((id, v) -> {
      for (int k = 0; k < PER_PASSAGE.length; k++) {
        m.append(String.format(Locale.ROOT, "%s,forget,%s,%s,%.6f%n", phase, id, PER_PASSAGE[k], v[k]));
      }
    });
  }

  /** The run's report.md: what was forgotten, the verification, metrics, sample continuations, cost. */
  static String report(Summary s, Provenance prov, EpochCheck check, int samples) {
    List<ContinuationScorer.Continuation> before = check.firstContinuations();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(s.experiment()).append(" — ").append(s.method()).append("\n\n");
    md.append(String.format("Original model `%s`, forget set `%s`, seed %d. Training stopped after %d epochs by "
        + "rule `%s`.%n%n", s.model(), s.dataset(), s.seed(), check.rows().get(check.rows().size() - 1).epoch(),
        check.stopRule()));
    md.append("## What was forgotten\n\nForget passages are listed in `splits/forget.txt` (SHA-256 of the list "
        + prov.inputs().get("forget-passage-ids") + "), their analogues in `splits/analogues.csv`. Original model "
        + "SHA-256 " + prov.inputs().get("original-model") + ", unlearned model (`model/`) "
        + prov.inputs().get("unlearned-model") + ".\n\n");
    md.append(Verification.markdown(Verification.ofSequence(s)));
    md.append("## Metrics\n\n| metric | before | after |\n|---|---:|---:|\n");
    s.before().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.4f | %s |%n", k, v,
        s.after().containsKey(k) ? String.format(Locale.ROOT, "%.4f", s.after().get(k)) : "–")));
    md.append("\nPer-epoch checks: `refinement_log.csv`.\n\n## Sample continuations\n\n");
    List<ContinuationScorer.Continuation> after = check.lastContinuations();
    for (int i = 0; i < Math.min(samples, before.size()); i++) {
      md.append("**").append(before.get(i).id()).append("** — true suffix: ").append(quote(before.get(i).reference()))
          .append("\n\n- before: ").append(quote(before.get(i).text())).append("\n- after: ")
          .append(quote(after.get(i).text())).append("\n\n");
    }
    md.append("## Cost\n\n| quantity | value |\n|---|---:|\n");
    s.timing().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", k, v)));
    s.memory().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %d |%n", k, v)));
    md.append("\n## Provenance\n\ngit ").append(prov.gitCommit()).append(", ").append(prov.jdk()).append(", ND4J ")
        .append(prov.nd4jBackend()).append(' ').append(prov.nd4jVersion()).append(", ")
        .append(prov.host().cores()).append(" cores, ").append(prov.host().threads())
        .append(" native threads.\n");
    return md.toString();
  }

  private static String quote(String text) {
    return "“" + text.replace("\n", " ").strip() + "”";
  }
}
