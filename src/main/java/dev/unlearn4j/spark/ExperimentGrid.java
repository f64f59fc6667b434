package dev.unlearn4j.spark;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.ExperimentKind;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code unlearn grid}: the cells of an experiment's sweep ({@link GridRuns}) as Spark tasks, one run directory
 * each ({@link GridTask}); finished runs are skipped, and a failed task is tried again up to {@code retries} more
 * times (resuming its run). Every cell's config is checked on the driver before anything runs.
 *
 * @param common {@code --set} overrides of every cell
 * @param methods classification: run these methods in each cell on one shared original and oracle; empty: the
 *     file's method
 * @param runIdPattern names the cells ({@link GridRuns#of(List, String)}); null: by their values
 * @param retries extra attempts per failed cell
 */
public record ExperimentGrid(Path experiment, List<String> sweeps, List<String> common, List<String> methods,
    String runIdPattern, String master, int retries) {
  /**
   * What the grid did.
   *
   * @param cells what each cell did ({@code ran …}, {@code skipped …}, {@code resumed …}), in cell order
   * @param group the directory of the experiment's runs
   */
  public record Result(List<String> cells, Path group) {}

  public Result run() {
    if (!Files.isRegularFile(experiment)) {
      throw new UnlearnException(experiment + ": no such file");
    }
    if (retries < 0) {
      throw new UnlearnException("--retries " + retries + " < 0");
    }
    List<GridRuns.Cell> cells = GridRuns.of(sweeps, runIdPattern);
    if (!methods.isEmpty() && ConfigLoader.kind(experiment) == ExperimentKind.SEQUENCE) {
      throw new ConfigException("--methods: classification experiments only; " + experiment + " is a sequence "
          + "experiment (sweep method.name instead)");
    }
    GridTask task = new GridTask(experiment.toString(), common, methods);
    Path group = null;
    for (GridRuns.Cell c : cells) {                 // a bad value fails here, naming the key, before any run
      group = task.group(c);
    }
    // local masters take their retry count in the URL (local[N,F]); clusters read spark.task.maxFailures
    String url = master.matches("local\\[[^,\\]]+\\]") ? master.replace("]", "," + (retries + 1) + "]") : master;
    SparkSession spark = Sessions.open(url, "unlearn grid",
        Map.of("spark.task.maxFailures", String.valueOf(retries + 1)));
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      return new Result(jsc.parallelize(cells, cells.size()).map(task).collect(), group);
    } catch (RuntimeException e) {
      throw Sessions.userCause(e);
    } finally {
      spark.stop();
    }
  }
}
