package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.experiment.FinishedRuns.Run;
import dev.unlearn4j.experiment.Stats;
import dev.unlearn4j.experiment.TableJson;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges finished sequence runs (directories with a {@code summary.json} and a {@code refinement_log.csv}) into
 * {@code table.md}: one row per method (or per {@link #label}), mean ± sample standard deviation over its runs (the
 * forget sets), plus the original model's values; and per-epoch plots (see {@link EpochPlots}). Unfinished runs (no
 * summary) are skipped, so the table can be built while other runs are still missing. Values a later
 * {@code unlearn eval} of a run's model added fill the keys its summary lacks ({@link Run#withLaterEvals}).
 */
public final class SequenceTable {
  private SequenceTable() {}

  /** Column header, summary key, phase, scale; a value missing from any run shows as "–". */
  private record Column(String header, String key, boolean after, double scale) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("EL₁₀ ICU (%)", "forget.el_icu", true, 100),
      new Column("EL₁₀ Jang (%)", "forget.el_jang", true, 100),
      new Column("MA (%)", "forget.ma", true, 100),
      new Column("BERTScore-F1", "forget.bertscore_f1", true, 1),
      new Column("BLEU", "forget.bleu", true, 1),
      new Column("entropy (bits)", "forget.token_entropy", true, 1),
      new Column("unseen PPL", "unseen.perplexity", true, 1),
      new Column("off-domain PPL", "offdomain.perplexity", true, 1),
      new Column("cloze (%)", "unseen.cloze_accuracy", true, 100),
      new Column("MIA AUC", "mia.loss_auc", true, 1),
      new Column("epochs", "epochs", true, 1));
  /** The relearning attack's columns (eval.relearn, docs/verification.md), shown where a run has them. */
  private static final List<Column> RELEARN = List.of(
      new Column("MA after relearning (%)", "relearn.after.ma", true, 100),
      new Column("relearn recovery", "relearn.recovery", true, 1),
      new Column("never-seen relearn recovery", "relearn.oracle_recovery", true, 1));

  /** Writes table.md (and the plots) for {@code runs}, sequence runs under {@code root}; returns the Markdown. */
  public static String write(Path root, List<Run> finished) {
    List<Run> runs = finished.stream().map(Run::withLaterEvals).toList();
    if (runs.isEmpty()) {
      throw new UnlearnException(root + ": no finished sequence runs (summary.json + refinement_log.csv)");
    }
    Map<String, List<Run>> byMethod = new TreeMap<>();
    runs.forEach(r -> byMethod.computeIfAbsent(label(r), k -> new ArrayList<>()).add(r));
    List<Column> cols = new ArrayList<>(COLUMNS);
    if (runs.stream().anyMatch(r -> r.summary().path("after").has("relearn.recovery"))) {
      cols.addAll(RELEARN);
    }
    StringBuilder md = new StringBuilder("| method | runs |");
    cols.forEach(c -> md.append(' ').append(c.header()).append(" |"));
    md.append(" stopped by rule / nothing flagged / cap | unlearning time (s) |\n|---|---:|");
    cols.forEach(c -> md.append("---:|"));
    md.append("---:|---:|\n");
    md.append(row("original", perForgetSet(runs), false, cols));
    byMethod.forEach((m, rs) -> md.append(row(m, rs, true, cols)));
    md.append("\nMean ± sample standard deviation over runs (forget sets); the original row is the model before "
        + "unlearning, once per forget set. EL₁₀ Jang comes from `eval.jangEl: true` or a later "
        + "`unlearn eval RUN --metrics forget.el_jang` (RUN/eval-*/summary.json), – without either. ");
    if (cols.size() > COLUMNS.size()) {
      md.append("Relearning (`eval.relearn`, docs/verification.md): MA of the held-out half of the forget set after "
          + "the attack; recovery, the share of the way back to the original's MA the attack covers; never-seen, the "
          + "same attack's recovery for the original on unseen passages. ");
    }
    md.append("Sources: ");
    md.append(String.join(", ", runs.stream().map(r -> "`" + root.relativize(r.dir()) + "`").toList())).append(".\n");
    AtomicFiles.writeString(root.resolve("table.md"), md.toString());
    TableJson.write(root, List.of(SequenceTableJson.group(byMethod, perForgetSet(runs))));
    EpochPlots.write(root, byMethod);
    return md.toString();
  }

  /**
   * The original model's values, once per forget set: the runs of one set share them, so each "before" value comes
   * from the first run (in path order) that has it. A value only some runs carry, such as Jang EL added later to
   * the ICU and KUMPR runs alone, still reaches the original's row.
   */
  private static List<Run> perForgetSet(List<Run> runs) {
    Map<String, Run> first = new TreeMap<>();
    runs.forEach(r -> first.merge(r.summary().path("dataset").asText(), r,
        (a, b) -> a.filledFrom(b.summary(), "before")));
    return List.copyOf(first.values());
  }

  private static final Pattern SET_SUFFIX = Pattern.compile("(.+)-set\\d+");

  /**
   * A run's row: the part of its run id before {@code -set<N>} (so variants of one method, such as ICU with the
   * learning term off, get rows of their own), or its method when the id has no such suffix.
   */
  static String label(Run r) {
    Matcher m = SET_SUFFIX.matcher(r.dir().getFileName().toString());
    return m.matches() ? m.group(1) : r.summary().path("method").asText();
  }

  /** How many of the runs stopped by the thresholds, with nothing left flagged, and at the epoch cap. */
  private static String stoppedBy(List<Run> runs) {
    Map<String, Integer> n = new TreeMap<>();
    runs.forEach(r -> n.merge(SequenceTableJson.stoppedBy(r), 1, Integer::sum));
    return n.getOrDefault("rule", 0) + " / " + n.getOrDefault("nothing_flagged", 0) + " / " + n.getOrDefault("cap", 0);
  }

  private static String row(String name, List<Run> runs, boolean after, List<Column> cols) {
    StringBuilder sb = new StringBuilder("| ").append(name).append(" | ").append(runs.size()).append(" |");
    for (Column c : cols) {
      if (!after && (c.key().equals("epochs") || c.key().startsWith("relearn."))) {
        sb.append(" – |");
        continue;
      }
      sb.append(' ').append(Stats.meanStd(runs.stream().mapToDouble(r -> r.summary().path(after ? "after" : "before")
          .path(c.key()).asDouble(Double.NaN) * c.scale()).toArray())).append(" |");
    }
    sb.append(' ').append(after ? stoppedBy(runs) : "–").append(" |");
    sb.append(' ').append(after ? Stats.meanStd(runs.stream().mapToDouble(r -> r.summary().path("timing")
        .path("unlearn_s").asDouble(Double.NaN)).toArray()) : "–").append(" |\n");
    return sb.toString();
  }
}
