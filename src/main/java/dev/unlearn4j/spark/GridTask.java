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
  private final List<String> methods;

  /**
   * @param common {@code --set} overrides of every cell, applied before the cell's own
   * @param methods classification: these methods on one shared original and oracle per cell, each in
   *     {@code <run-id>-<method>}, as {@code unlearn run --methods} does; empty: the file's method
   */
  GridTask(String experiment, List<String> common, List<String> methods) {
    this.experiment = experiment;
    this.common = List.copyOf(common);
    this.methods = List.copyOf(methods);
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
    if (!methods.isEmpty()) {
      return runMethods(file, overrides, cell.runId(), dir.getParent(), r);
    }
    return (resume ? "resumed " : "ran ")
        + (resume ? r.resume(dir) : r.run(Experiment.resolve(cfg, experiment), cell.runId())).runDir();
  }

  /** The cell's methods: skipped when all finished, resumed one by one when some began, else run together. */
  private String runMethods(Path file, List<String> overrides, String runId, Path group, ExperimentRunner r) {
    List<Path> dirs = methods.stream().map(m -> group.resolve(runId + "-" + m)).toList();
    if (dirs.stream().allMatch(d -> Files.exists(d.resolve(RunDirectory.SUMMARY)))) {
      return "skipped " + group.resolve(runId);
    }
    if (dirs.stream().anyMatch(Files::isDirectory)) {
      for (int i = 0; i < dirs.size(); i++) {
        if (!Files.exists(dirs.get(i).resolve(RunDirectory.SUMMARY))) {
          if (Files.isDirectory(dirs.get(i))) {
            r.resume(dirs.get(i));
          } else {
            r.run(Experiment.resolve(ConfigLoader.load(file, overrides, methods.get(i)), experiment),
                runId + "-" + methods.get(i));
          }
        }
      }
      return "resumed " + group.resolve(runId);
    }
    List<Experiment> exps = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String m : methods) {
      exps.add(Experiment.resolve(ConfigLoader.load(file, overrides, m), experiment));
      ids.add(runId + "-" + m);
    }
    r.runAll(exps, ids);
    return "ran " + group.resolve(runId);
  }
}
