package dev.unlearn4j.experiment.sequence;

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

  static void write(Path root, Map<String, List<SequenceTable.Run>> byMethod) {
    plot(root.resolve("el10-per-epoch.png"), "Forget-set EL10 (ICU variant) per epoch", "EL10", 3, byMethod);
    plot(root.resolve("perplexity-per-epoch.png"), "Unseen-passage perplexity per epoch", "perplexity", 7,
        byMethod);
  }

  private static void plot(Path file, String title, String yTitle, int column,
      Map<String, List<SequenceTable.Run>> byMethod) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
        .build();
    chart.getStyler().setMarkerSize(4);
    byMethod.forEach((method, runs) -> {
      for (SequenceTable.Run r : runs) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (String[] row : rows(r.dir().resolve("refinement_log.csv"))) {
          x.add(Double.parseDouble(row[0]));
          y.add(Double.parseDouble(row[column]));
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

  private static List<String[]> rows(Path csv) {
    try {
      return Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
