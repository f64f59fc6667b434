package dev.unlearn4j.experiment;

import dev.unlearn4j.eval.EvalResult;
import dev.unlearn4j.util.AtomicFiles;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code metrics.csv}: one row per model phase, split, example and metric. */
final class MetricsCsv {
  private MetricsCsv() {}

  /**
   * @param phases names matching {@code evals} in order; "oracle" is skipped when no oracle was trained
   */
  static void write(Path file, List<String> phases, List<EvalResult> evals, boolean withOracle) {
    List<String> used = phases.stream().filter(p -> withOracle || !p.equals("oracle")).toList();
    AtomicFiles.write(file, out -> {
      var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader("phase", "split", "id", "metric", "value").build()
          .print(w);
      for (int i = 0; i < used.size(); i++) {
        for (EvalResult.Row r : evals.get(i).rows()) {
          csv.printRecord(used.get(i), r.split(), r.id(), r.metric(), r.value());
        }
      }
      csv.flush();
    });
  }
}
