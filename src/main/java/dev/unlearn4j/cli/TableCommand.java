package dev.unlearn4j.cli;

import dev.unlearn4j.experiment.ClassificationTable;
import dev.unlearn4j.experiment.FinishedRuns;
import dev.unlearn4j.experiment.sequence.SequenceTable;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code unlearn table DIR}: merges the finished runs under DIR into a table and plots. */
@Command(name = "table", mixinStandardHelpOptions = true,
    description = "Merge the finished runs under DIR (any depth up to <experiment>/<run-id>) into DIR/table.md "
        + "(mean ± std per method). Sequence runs: per-epoch plots (el10-per-epoch.png, perplexity-per-epoch.png); "
        + "classification runs: <experiment>-forget-vs-test.png.")
public final class TableCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "a results directory, e.g. results/icu")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new UnlearnException(dir + ": no such directory");
    }
    List<FinishedRuns.Run> runs = FinishedRuns.under(dir);
    List<FinishedRuns.Run> sequence = runs.stream().filter(FinishedRuns.Run::sequence).toList();
    spec.commandLine().getOut().print(!sequence.isEmpty() ? SequenceTable.write(dir, sequence)
        : ClassificationTable.write(dir, runs));
    return 0;
  }
}
