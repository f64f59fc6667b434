package dev.unlearn4j.experiment;

import dev.unlearn4j.experiment.FinishedRuns.Run;
import dev.unlearn4j.util.AtomicFiles;
import dev.unlearn4j.util.UnlearnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Merges finished classification runs (a {@code summary.json} without a {@code refinement_log.csv}) into
 * {@code table.md}: per experiment (dataset, forget size), one row per method with mean ± sample std over its runs
 * (seeds), plus the original and oracle rows; and one PNG per experiment of forget vs test macro-F1, one point per
 * run. Unfinished runs are skipped, so the table can be built in parts.
 */
public final class ClassificationTable {
  private ClassificationTable() {}

  private record Column(String header, String phase, String key) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("forget F1", "", "forget.macro_f1"),
      new Column("retain F1", "", "retain.macro_f1"),
      new Column("test F1", "", "test.macro_f1"),
      new Column("MIA AUC", "", "mia.loss_auc"),
      new Column("forget F1 gap to oracle", "", "oracle_gap.forget.macro_f1"),
      new Column("unlearn s", "timing", "unlearn_s"),
      new Column("unlearn / retrain", "timing", "retrain_ratio"));

  /** Columns of the forget scenarios and of the relearning attack, shown where the group's runs have them. */
  private static final List<Column> SCENARIO_COLUMNS = List.of(
      new Column("forget F1 (true labels)", "", "forget_true.macro_f1"),
      new Column("forgotten-class recall", "", "test_forgotten_class.accuracy"),
      new Column("other classes' F1", "", "test_other_classes.macro_f1"),
      new Column("relearn recovery", "", "relearn.recovery"),                   // eval.relearn, verification.md
      new Column("oracle's relearn recovery", "", "relearn.oracle_recovery"));

  /** Shown as counts over a row's runs: stopped by the stopping rule, and utility lost (see UtilityCheck). */
  private static final List<Column> COUNTS = List.of(
      new Column("stopped by rule", "timing", "stopped_by_rule"),
      new Column("utility lost", "after", "utility.lost"));

  /** Writes table.md and the plots for the finished classification runs under {@code root}; returns the Markdown. */
  public static String write(Path root) {
    return write(root, FinishedRuns.under(root).stream().filter(r -> !r.sequence()).toList());
  }

  /** Writes table.md and the plots for {@code runs}, classification runs under {@code root}. */
  public static String write(Path root, List<Run> runs) {
    if (runs.isEmpty()) {
      throw new UnlearnException(root + ": no finished classification runs (summary.json)");
    }
    Map<String, Map<String, List<Run>>> byExperiment = new TreeMap<>();
    for (Run r : runs) {
      byExperiment.computeIfAbsent(r.summary().path("experiment").asText(), k -> new TreeMap<>())
          .computeIfAbsent(r.summary().path("method").asText(), k -> new ArrayList<>()).add(r);
    }
    StringBuilder md = new StringBuilder();
    List<TableJson.Group> groups = new ArrayList<>();
    byExperiment.forEach((experiment, byMethod) -> {
      List<Run> all = byMethod.values().stream().flatMap(List::stream).toList();
      List<Run> originals = perSeed(all);
      md.append("## ").append(experiment).append(" (").append(all.get(0).summary().path("dataset").asText())
          .append(")\n\n| method | runs |");
      List<Column> columns = new ArrayList<>(COLUMNS.subList(0, 3));          // the F1 columns, then the scenario's
      SCENARIO_COLUMNS.stream().filter(c -> all.stream().anyMatch(r -> r.summary().path("after").has(c.key())))
          .forEach(columns::add);
      columns.addAll(COLUMNS.subList(3, COLUMNS.size()));
      columns.forEach(c -> md.append(' ').append(c.header()).append(" |"));
      COUNTS.forEach(c -> md.append(' ').append(c.header()).append(" |"));
      md.append("\n|---|---:|").append("---:|".repeat(columns.size() + COUNTS.size())).append('\n');
      md.append(row("original (before)", originals, "before", columns));
      md.append(row("oracle (retrain)", originals, "oracle", columns));
      if (byMethod.containsKey("sisa")) {
        md.append(row("sisa ensemble (before)", byMethod.get("sisa"), "ensemble", columns));
      }
      byMethod.forEach((m, rs) -> md.append(row(m, rs, "after", columns)));
      md.append('\n');
      plot(root.resolve(experiment + "-forget-vs-test.png"), experiment, byMethod);
      groups.add(ClassificationTableJson.group(experiment, byMethod, originals));
    });
    TableJson.write(root, groups);
    md.append("Macro-F1 after unlearning, mean ± sample standard deviation over runs (seeds); the original and "
        + "oracle rows have one model per seed (the methods of a seed share them; SISA runs record the shared "
        + "original as `monolithic.*`), the SISA ensemble row is SISA's own model before unlearning. \"stopped by "
        + "rule\": runs the stopping rule ended before their epochs ran out; \"utility lost\": runs whose test "
        + "macro-F1 fell more than " + UtilityCheck.TOLERANCE + " below the original's. Every value, with more "
        + "metrics, is in `table.json`. Sources: ")
        .append(String.join(", ", runs.stream()
            .map(r -> "`" + root.relativize(r.dir()) + "`").toList())).append(".\n");
    AtomicFiles.writeString(root.resolve("table.md"), md.toString());
    return md.toString();
  }

  private static String row(String name, List<Run> runs, String phase, List<Column> columns) {
    StringBuilder sb = new StringBuilder("| ").append(name).append(" | ").append(runs.size()).append(" |");
    for (Column c : columns) {
      boolean timing = c.phase().equals("timing");
      double[] xs = timing && !phase.equals("after") ? new double[0]
          : runs.stream().mapToDouble(r -> timing ? r.value("timing", c.key()) : value(r, phase, c.key())).toArray();
      sb.append(' ').append(Stats.meanStd(xs, timing ? 2 : 3)).append(" |");
    }
    for (Column c : COUNTS) {
      List<Run> with = phase.equals("after") ? runs.stream().filter(r -> r.summary().path(c.phase()).has(c.key()))
          .toList() : List.of();
      long yes = with.stream().filter(r -> r.value(c.phase(), c.key()) == 1.0).count();
      sb.append(' ').append(with.isEmpty() ? "–" : yes + "/" + with.size()).append(" |");
    }
    return sb.append('\n').toString();
  }

  /** A phase's value; "before" is the shared monolithic original (SISA's own ensemble is phase "ensemble"). */
  static double value(Run r, String phase, String key) {
    if (phase.equals("ensemble")) {
      return r.value("before", key);
    }
    return phase.equals("before") && r.summary().path("before").has("monolithic." + key)
        ? r.value("before", "monolithic." + key) : r.value(phase, key);
  }

  /** The first run of each seed: the methods of one seed share their original model and oracle. */
  static List<Run> perSeed(List<Run> runs) {
    Map<Long, Run> first = new TreeMap<>();
    runs.forEach(r -> first.putIfAbsent(r.summary().path("seed").asLong(), r));
    return List.copyOf(first.values());
  }

  private static void plot(Path file, String experiment, Map<String, List<Run>> byMethod) {
    XYChart chart = new XYChartBuilder().width(700).height(500).title(experiment + ": forget vs test macro-F1")
        .xAxisTitle("forget macro-F1 (after)").yAxisTitle("test macro-F1 (after)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(8);
    byMethod.forEach((m, rs) -> chart.addSeries(m, rs.stream().mapToDouble(r -> r.value("after",
        "forget.macro_f1")).toArray(), rs.stream().mapToDouble(r -> r.value("after", "test.macro_f1")).toArray()));
    try {
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
