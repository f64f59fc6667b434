package dev.unlearn4j.experiment.sequence;

import dev.unlearn4j.experiment.FinishedRuns.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * PNG plots of the per-epoch checks ({@code refinement_log.csv}): forget-set EL₁₀ and unseen perplexity against
 * the epoch, one line per run, labelled method/run.
 */
final class EpochPlots {
  private EpochPlots() {}

  static void write(Path root, Map<String, List<Run>> byMethod) {
    plot(root.resolve("el10-per-epoch.png"), "Forget-set EL10 (ICU variant) per epoch", "EL10", "el_icu",
        byMethod);
    plot(root.resolve("perplexity-per-epoch.png"), "Unseen-passage perplexity per epoch", "perplexity",
        "unseen_perplexity", byMethod);
  }

  /** @param column a column of refinement_log.csv, by its header name */
  private static void plot(Path file, String title, String yTitle, String column,
      Map<String, List<Run>> byMethod) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
        .build();
    chart.getStyler().setMarkerSize(4);
    byMethod.forEach((method, runs) -> {
      for (Run r : runs) {
        List<String[]> rows = rows(r.dir().resolve("refinement_log.csv"));
        int col = java.util.Arrays.asList(rows.get(0)).indexOf(column);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
          x.add(Double.parseDouble(row[0]));
          y.add(Double.parseDouble(row[col]));
        }
        chart.addSeries(method + " / " + r.dir().getFileName(), x, y);
      }
    });
    try {
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
