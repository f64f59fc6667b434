package dev.unlearn4j.cli;

import dev.unlearn4j.experiment.ConsoleProgress;
import picocli.CommandLine.Option;

/** The {@code --no-progress} option of the commands that train, and the progress listener it chooses. */
final class ProgressOption {
  @Option(names = "--no-progress", description = "log one line per epoch instead of a progress bar")
  boolean noProgress;

  ConsoleProgress listener() {
    return noProgress ? new ConsoleProgress(false) : ConsoleProgress.auto();
  }
}
