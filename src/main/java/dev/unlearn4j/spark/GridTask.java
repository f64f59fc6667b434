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
 * {@code <output>/<name>/<run-id>} (with {@code methods}, one {@code <run-id>-<method>} per method on a shared
 * original and oracle). A finished run (its {@code summary.json} exists) is skipped; an unfinished one — a failed
 * earlier attempt, which Spark retries — is resumed from its checkpoints. Returns what happened.
 */
final class GridTask implements Function<GridRuns.Cell, String> {
  private static final long serialVersionUID = 1L;

  private final String experiment;
  private final List<String> common;
  private final List<String> methods;

  /**
   * @param common {@code --set} overrides of every cell, applied before the cell's own
   * @param methods classification: these methods on one shared original and oracle per cell, as {@code unlearn run
   *     --methods} does; empty: the file's method
   */
  GridTask(String experiment, List<String> common, List<String> methods) {
    this.experiment = experiment;
    this.common = List.copyOf(common);
    this.methods = List.copyOf(methods);
  }

  /** A cell's resolved config: exactly one of {@code sequence} and {@code experiments} is set. */
  private record Resolved(Path group, SequenceExperiment sequence, List<Experiment> experiments) {}

  /** Resolves the cell's config(s), failing with the key at fault; the driver calls this for every cell first. */
  private Resolved resolve(GridRuns.Cell cell) {
    Path file = Path.of(experiment);
    List<String> overrides = new ArrayList<>(common);
    overrides.addAll(cell.overrides());
    if (ConfigLoader.kind(file) == ExperimentKind.SEQUENCE) {
      SequenceExperiment seq = SequenceExperiment.resolve(ConfigLoader.readTree(file), overrides, experiment);
      return new Resolved(Path.of(seq.config().output(), seq.config().name()), seq, null);
    }
    List<Experiment> exps = methods.isEmpty()
        ? List.of(Experiment.resolve(ConfigLoader.load(file, overrides), experiment))
        : Experiment.ofMethods(file, overrides, methods);
    ExperimentConfig cfg = exps.get(0).config();
    return new Resolved(Path.of(cfg.output(), cfg.name()), null, exps);
  }

  /** The directory of the experiment's runs (where the table goes); checks the cell's config on the way. */
  Path group(GridRuns.Cell cell) {
    return resolve(cell).group();
  }

  @Override
  public String call(GridRuns.Cell cell) {
    Resolved r = resolve(cell);
    List<String> ids = methods.isEmpty() ? List.of(cell.runId())
        : methods.stream().map(m -> cell.runId() + "-" + m).toList();
    List<Path> dirs = ids.stream().map(r.group()::resolve).toList();
    Path shown = r.group().resolve(cell.runId());
    if (dirs.stream().allMatch(d -> Files.exists(d.resolve(RunDirectory.SUMMARY)))) {
      return "skipped " + shown;
    }
    if (r.sequence() != null) {
      SequenceRunner runner = new SequenceRunner(List.of());
      return Files.isDirectory(dirs.get(0)) ? "resumed " + runner.resume(dirs.get(0)).runDir()
          : "ran " + runner.run(r.sequence(), cell.runId()).runDir();
    }
    ExperimentRunner runner = new ExperimentRunner(List.of());
    if (dirs.stream().noneMatch(Files::isDirectory)) {
      runner.runAll(r.experiments(), ids);                    // several methods share one original and oracle
      return "ran " + shown;
    }
    for (int i = 0; i < dirs.size(); i++) {                    // some began: each unfinished one on its own
      if (!Files.exists(dirs.get(i).resolve(RunDirectory.SUMMARY))) {
        if (Files.isDirectory(dirs.get(i))) {
          runner.resume(dirs.get(i));
        } else {
          runner.run(r.experiments().get(i), ids.get(i));
        }
      }
    }
    return "resumed " + shown;
  }
}
