package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.experiment.FinishedRuns.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * PNG plots of the per-epoch checks ({@code refinement_log.csv}): forget-set EL₁₀ and unseen perplexity against
 * the epoch, one line per method: the mean over its runs (forget sets), a run that stopped early counted with its
 * last check (its model no longer changes).
 */
final class EpochPlots {
  private EpochPlots() {}

  static void write(Path root, Map<String, List<Run>> byMethod) {
    plot(root.resolve("el10-per-epoch.png"), "Forget-set EL10 (ICU variant) per epoch, mean over forget sets",
        "EL10", "el_icu", byMethod);
    plot(root.resolve("perplexity-per-epoch.png"), "Unseen-passage perplexity per epoch, mean over forget sets",
        "perplexity", "unseen_perplexity", byMethod);
  }

  /** @param column a column of refinement_log.csv, by its header name */
  private static void plot(Path file, String title, String yTitle, String column,
      Map<String, List<Run>> byMethod) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
        .build();
    chart.getStyler().setMarkerSize(4);
    byMethod.forEach((method, runs) -> {
      List<List<Double>> perRun = new ArrayList<>();                 // perRun.get(run).get(epoch)
      for (Run r : runs) {
        List<String[]> rows = rows(r.dir().resolve("refinement_log.csv"));
        int col = Arrays.asList(rows.get(0)).indexOf(column);
        perRun.add(rows.subList(1, rows.size()).stream().map(row -> Double.parseDouble(row[col])).toList());
      }
      List<Double> y = meanPerEpoch(perRun);
      List<Double> x = new ArrayList<>();
      for (int e = 0; e < y.size(); e++) {
        x.add((double) e);
      }
      chart.addSeries(method + " (" + runs.size() + (runs.size() == 1 ? " run)" : " runs)"), x, y);
    });
    try {
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mean over runs of each epoch's value; a run that stopped counts with its last value. */
  static List<Double> meanPerEpoch(List<List<Double>> perRun) {
    int epochs = perRun.stream().mapToInt(List::size).max().orElse(0);
    List<Double> mean = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      final int epoch = e;
      mean.add(perRun.stream().mapToDouble(v -> v.get(Math.min(epoch, v.size() - 1))).average().orElse(Double.NaN));
    }
    return mean;
  }

  /** The header row, then the data rows. */
  private static List<String[]> rows(Path csv) {
    try {
      return Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
