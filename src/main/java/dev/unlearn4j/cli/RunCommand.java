package dev.unlearn4j.cli;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.config.Overrides;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.ExperimentKind;
import dev.unlearn4j.experiment.Experiment;
import dev.unlearn4j.experiment.ExperimentConfig;
import dev.unlearn4j.experiment.ExperimentRunner;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.Summary;
import dev.unlearn4j.experiment.sequence.SequenceExperiment;
import dev.unlearn4j.experiment.sequence.SequenceRunner;
import dev.unlearn4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlearn run EXPERIMENT.yaml [--set key=value ...]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one experiment and write its run directory under <output>/<name>/<run-id>/.")
public final class RunCommand implements Callable<Integer> {
  @Parameters(paramLabel = "EXPERIMENT", arity = "0..1", description = "experiment YAML file (see experiments/)")
  Path experiment;

  @Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "continue an interrupted run in its directory from its checkpoints (config key "
          + "checkpointEvery) and, for sequence runs, its saved checks")
  Path resume;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override a config key after the file, e.g. --set method.args.train.epochs=3")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--run-id", description = "name of the run directory (default: UTC time and seed)")
  String runId;

  @Option(names = "--methods", split = ",", paramLabel = "NAME",
      description = "classification: run these methods on one shared original model and oracle, one run directory "
          + "each (<run-id>-<method>); a method other than the file's runs with its defaults plus --set")
  List<String> methods = new ArrayList<>();

  @CommandLine.Mixin ProgressOption progress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      return start();
    } catch (ConfigException e) {
      throw experiment == null ? e : Overrides.blame(e, experiment.toString(), overrides);
    }
  }

  private Integer start() {
    if ((resume == null) == (experiment == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either EXPERIMENT or --resume RUN_DIR");
    }
    if (runId != null && !ExperimentConfig.isDirectoryName(runId)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--run-id '" + runId + "': use only letters, "
          + "digits, '.', '_' and '-' (not '.' or '..'); it names one directory under <output>/<name>/");
    }
    if (resume != null) {
      if (!overrides.isEmpty() || runId != null || !methods.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues a run with its own "
            + "config.yaml and directory; --set, --run-id and --methods cannot be combined with it");
      }
      Path config = RunDirectory.unfinished(resume).file(RunDirectory.CONFIG);
      if (ConfigLoader.kind(config) == ExperimentKind.SEQUENCE) {
        return printSequence(new SequenceRunner(List.of(progress.listener())).resume(resume));
      }
      ExperimentRunner.Result r = new ExperimentRunner(List.of(progress.listener())).resume(resume);
      printSummary(r.summary());
      spec.commandLine().getOut().println("run directory: " + r.runDir());
      return 0;
    }
    if (ConfigLoader.kind(experiment) == ExperimentKind.SEQUENCE) {
      return runSequence();
    }
    List<TrainingListener> listeners = List.of(progress.listener());
    if (!methods.isEmpty()) {
      return runMethods(listeners);
    }
    ExperimentConfig cfg = ConfigLoader.load(experiment, overrides);
    Experiment exp = Experiment.resolve(cfg, experiment.toString());
    ExperimentRunner.Result r = new ExperimentRunner(listeners).run(exp, runId);
    printSummary(r.summary());
    spec.commandLine().getOut().println("run directory: " + r.runDir());
    return 0;
  }

  private int runMethods(List<TrainingListener> listeners) {
    String base = runId != null ? runId : RunDirectory.utcStamp();
    List<String> ids = methods.stream().map(m -> base + "-" + m).toList();
    for (ExperimentRunner.Result r : new ExperimentRunner(listeners).runAll(Experiment.ofMethods(experiment,
        overrides, methods), ids)) {
      printSummary(r.summary());
      spec.commandLine().getOut().println("run directory: " + r.runDir());
    }
    return 0;
  }

  private int runSequence() {
    SequenceExperiment exp = SequenceExperiment.resolve(ConfigLoader.readTree(experiment), overrides,
        experiment.toString());
    return printSequence(new SequenceRunner(List.of(progress.listener())).run(exp, runId));
  }

  private int printSequence(SequenceRunner.Result r) {
    var out = spec.commandLine().getOut();
    Summary s = r.summary();
    out.printf("%s: %s on %s (seed %d), stopped after %d epochs by rule %s%n", s.experiment(), s.method(),
        s.dataset(), s.seed(), r.epochs(), r.stopRule());
    out.printf("%-28s %10s %10s%n", "metric", "before", "after");
    s.before().forEach((k, v) -> out.printf("%-28s %10s %10s%n", k, fmt(v), fmt(s.after().get(k))));
    out.printf("unlearning %.2f s, total %.2f s%n", s.timing().get("unlearn_s"), s.timing().get("total_s"));
    out.println("run directory: " + r.runDir());
    return 0;
  }

  private void printSummary(Summary s) {
    var out = spec.commandLine().getOut();
    out.printf("%s: %s on %s with %s (seed %d)%n", s.experiment(), s.method(), s.dataset(), s.model(), s.seed());
    out.printf("%-36s %10s %10s %10s%n", "metric", "before", "after", "oracle");
    Set<String> keys = new LinkedHashSet<>(s.before().keySet());
    keys.addAll(s.after().keySet());
    for (String k : keys) {
      out.printf("%-36s %10s %10s %10s%n", k, fmt(s.before().get(k)), fmt(s.after().get(k)),
          fmt(s.oracle().get(k)));
    }
    out.printf("unlearning %.2f s, evaluation %.2f s, total %.2f s%n", s.timing().get("unlearn_s"),
        s.timing().get("eval_s"), s.timing().get("total_s"));
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format("%.4f", v);
  }
}
