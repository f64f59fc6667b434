package dev.unlearn4j.cli;

import dev.unlearn4j.experiment.sequence.SequenceTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code unlearn table DIR}: merges the finished sequence runs under DIR into a table and plots. */
@Command(name = "table", mixinStandardHelpOptions = true,
    description = "Merge the finished sequence runs under DIR (any depth up to <experiment>/<run-id>) into "
        + "DIR/table.md (mean ± std per method) and per-epoch plots (el10-per-epoch.png, perplexity-per-epoch.png).")
public final class TableCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "a results directory, e.g. results/icu")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(SequenceTable.write(dir));
    return 0;
  }
}
