package dev.unlearn4j.cli;

import dev.unlearn4j.spark.ExperimentGrid;
import dev.unlearn4j.spark.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlearn grid}: an experiment's sweep as Spark tasks, then the table over its runs. */
@Command(name = "grid", mixinStandardHelpOptions = true,
    description = "Run the cross product of --sweep KEY=v1,v2 options of one experiment as Spark tasks "
        + "(local[*] unless --master), one run directory each named by its values; finished runs are skipped, "
        + "failed ones tried again; then write the table of the experiment's runs (as unlearn table).")
public final class GridCommand implements Callable<Integer> {
  @Parameters(paramLabel = "EXPERIMENT", description = "experiment YAML file")
  Path experiment;

  @Option(names = "--sweep", required = true, paramLabel = "KEY=V1,V2",
      description = "a config key and its values; several --sweep options make a cross product")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key in every run")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--methods", split = ",", paramLabel = "NAME", description = "classification: these methods in "
      + "every cell on one shared original and oracle, each in <run-id>-<method> (as unlearn run --methods)")
  List<String> methods = new ArrayList<>();

  @Option(names = "--run-id", paramLabel = "PATTERN", description = "names the cells' runs, {KEY} standing for "
      + "the cell's value of a swept key, e.g. s{seed} (default: the keys and values)")
  String runIdPattern;

  @Option(names = "--master", defaultValue = Sessions.LOCAL, description = "Spark master URL (${DEFAULT-VALUE})")
  String master;

  @Option(names = "--retries", defaultValue = "1", description = "extra attempts of a failed run, which resumes "
      + "from its checkpoints (${DEFAULT-VALUE})")
  int retries;

  @Option(names = "--no-table", description = "do not write the experiment's table afterwards")
  boolean noTable;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ExperimentGrid.Result done = new ExperimentGrid(experiment, sweeps, overrides, methods, runIdPattern, master,
        retries).run();
    PrintWriter o = spec.commandLine().getOut();
    done.cells().forEach(o::println);
    o.flush();
    if (noTable) {
      return 0;
    }
    return spec.commandLine().getParent().execute("table", done.group().toString());
  }
}
