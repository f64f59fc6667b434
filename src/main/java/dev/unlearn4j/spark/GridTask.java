package dev.unlearn4j.spark;

import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.Experiment;
import dev.unlearn4j.experiment.ExperimentConfig;
import dev.unlearn4j.experiment.ExperimentKind;
import dev.unlearn4j.experiment.ExperimentRunner;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.sequence.SequenceExperiment;
import dev.unlearn4j.experiment.sequence.SequenceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/**
 * One grid cell as a Spark task: runs the experiment with the cell's overrides into
 * {@code <output>/<name>/<run-id>}. A finished run (its {@code summary.json} exists) is skipped; an unfinished one
 * — a failed earlier attempt, which Spark retries — is resumed from its checkpoints. Returns what happened.
 */
final class GridTask implements Function<GridRuns.Cell, String> {
  private static final long serialVersionUID = 1L;

  private final String experiment;
  private final List<String> common;

  /** @param common {@code --set} overrides of every cell, applied before the cell's own */
  GridTask(String experiment, List<String> common) {
    this.experiment = experiment;
    this.common = List.copyOf(common);
  }

  @Override
  public String call(GridRuns.Cell cell) {
    Path file = Path.of(experiment);
    List<String> overrides = new ArrayList<>(common);
    overrides.addAll(cell.overrides());
    boolean sequence = ConfigLoader.kind(file) == ExperimentKind.SEQUENCE;
    SequenceExperiment seq = sequence ? SequenceExperiment.resolve(ConfigLoader.readTree(file), overrides,
        experiment) : null;
    ExperimentConfig cfg = sequence ? null : ConfigLoader.load(file, overrides);
    Path dir = sequence ? Path.of(seq.config().output(), seq.config().name(), cell.runId())
        : Path.of(cfg.output(), cfg.name(), cell.runId());
    if (Files.exists(dir.resolve(RunDirectory.SUMMARY))) {
      return "skipped " + dir;
    }
    boolean resume = Files.isDirectory(dir);
    if (sequence) {
      SequenceRunner r = new SequenceRunner(List.of());
      return (resume ? "resumed " : "ran ") + (resume ? r.resume(dir) : r.run(seq, cell.runId())).runDir();
    }
    ExperimentRunner r = new ExperimentRunner(List.of());
    return (resume ? "resumed " : "ran ")
        + (resume ? r.resume(dir) : r.run(Experiment.resolve(cfg, experiment), cell.runId())).runDir();
  }
}
