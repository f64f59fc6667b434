package dev.unlearn4j.cli;

import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.ExperimentKind;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.RunEvaluator;
import dev.unlearn4j.experiment.Summary;
import dev.unlearn4j.experiment.sequence.SequenceEvaluator;
import dev.unlearn4j.experiment.sequence.SequenceExperiment;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlearn eval RUN_DIR | CHECKPOINT --experiment FILE [--metrics a,b] [--out DIR]}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model and write summary.json (and metrics.csv for classification) in the "
        + "shapes of unlearn run into a new directory: a finished run's model on the run's own splits "
        + "(classification: forget/retain/test; sequence: forget and unseen passages), or a bare checkpoint on "
        + "the splits an experiment config draws.")
public final class EvalCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN_DIR_OR_CHECKPOINT",
      description = "a run directory (config.yaml, splits/, model/) or a checkpoint directory (with --experiment)")
  Path target;

  @Option(names = "--experiment", paramLabel = "FILE",
      description = "for a checkpoint: the experiment YAML whose dataset, forget spec and seed (classification) or "
          + "passages and forget set (sequence) to evaluate on")
  Path experiment;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the --experiment file")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--model", paramLabel = "DIR", description = "run directory only: checkpoint to evaluate "
      + "(default RUN_DIR/model)")
  Path model;

  @Option(names = "--metrics", split = ",", paramLabel = "NAME", description = "metrics (default: the run's)")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--jang-el", description = "sequence runs: also Jang et al.'s EL variant (slow; "
      + "also when --metrics names forget.el_jang), with the original model's value under before")
  boolean jangEl;

  @Option(names = "--out", paramLabel = "DIR",
      description = "new output directory (default RUN_DIR/eval-<UTC time>, or CHECKPOINT-eval-<UTC time>)")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String time = RunDirectory.utcStamp();
    boolean runDir = Files.isRegularFile(target.resolve(RunDirectory.CONFIG));
    if (runDir && (experiment != null || !overrides.isEmpty())) {
      throw new UnlearnException(target + ": a run directory is evaluated with its own config.yaml; --experiment "
          + "and --set are for a bare checkpoint");
    }
    if (!runDir && experiment == null) {
      throw new UnlearnException(target + ": not a run directory (no config.yaml); evaluate a checkpoint with "
          + "--experiment FILE");
    }
    if (!runDir && model != null) {
      throw new UnlearnException("--model is for a run directory; name the checkpoint as the argument instead");
    }
    Path config = runDir ? target.resolve(RunDirectory.CONFIG) : experiment;
    Path modelDir = runDir ? (model != null ? model : target.resolve(RunDirectory.MODEL)) : target;
    Path dest = out != null ? out : runDir ? target.resolve("eval-" + time)
        : target.resolveSibling(target.getFileName() + "-eval-" + time);
    Summary s;
    if (ConfigLoader.kind(config) == ExperimentKind.SEQUENCE) {
      s = SequenceEvaluator.evaluate(config, overrides, modelDir, metrics, jangEl, dest);
    } else {
      s = runDir ? RunEvaluator.evaluate(target, modelDir, metrics, dest)
          : RunEvaluator.evaluateCheckpoint(config, overrides, modelDir, metrics, dest);
    }
    var o = spec.commandLine().getOut();
    s.after().forEach((k, v) -> o.printf("%-36s %10.4f%n", k, v));
    o.println("written to " + dest);
    return 0;
  }
}
