package dev.unlearn4j.cli;

import dev.unlearn4j.config.ConfigLoader;
import dev.unlearn4j.experiment.RunEvaluator;
import dev.unlearn4j.experiment.Summary;
import dev.unlearn4j.experiment.sequence.SequenceEvaluator;
import dev.unlearn4j.experiment.sequence.SequenceExperiment;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlearn eval RUN_DIR [--model DIR] [--metrics a,b] [--out DIR]}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on the splits of a finished run (classification: forget/retain/test; "
        + "sequence: forget passages and unseen passages) and write summary.json (and metrics.csv for "
        + "classification) in the shapes of unlearn run into a new directory.")
public final class EvalCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN_DIR", description = "a run directory (config.yaml, splits/, model/)")
  Path runDir;

  @Option(names = "--model", paramLabel = "DIR", description = "checkpoint to evaluate (default RUN_DIR/model)")
  Path model;

  @Option(names = "--metrics", split = ",", paramLabel = "NAME", description = "metrics (default: the run's)")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--jang-el", description = "sequence runs: also Jang et al.'s EL variant (slow)")
  boolean jangEl;

  @Option(names = "--out", paramLabel = "DIR", description = "new output directory (default RUN_DIR/eval-<UTC time>)")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path target = out != null ? out : runDir.resolve("eval-" + ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path modelDir = model != null ? model : runDir.resolve("model");
    boolean sequence = SequenceExperiment.isSequence(ConfigLoader.readTree(runDir.resolve("config.yaml")));
    Summary s = sequence ? SequenceEvaluator.evaluate(runDir, modelDir, metrics, jangEl, target)
        : RunEvaluator.evaluate(runDir, modelDir, metrics, target);
    var o = spec.commandLine().getOut();
    s.after().forEach((k, v) -> o.printf("%-36s %10.4f%n", k, v));
    o.println("written to " + target);
    return 0;
  }
}
