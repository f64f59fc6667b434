package dev.unlearn4j.cli;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.experiment.BuildInfo;
import dev.unlearn4j.util.UnlearnException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code unlearn}: the command-line entry point. Exit codes: 0 success, 1 run failure, 2 usage or config error. */
@Command(
    name = "unlearn",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Make a language model forget chosen training data (DeepCUT, ICU) on the JVM.",
    subcommands = {DemoCommand.class, RunCommand.class, ListCommand.class, ImportCommand.class, ExportCommand.class,
        PretrainCommand.class, BenchCommand.class, TableCommand.class, EvalCommand.class, PredictCommand.class,
        GenerateCommand.class, ScanCommand.class, GridCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI in-process and returns its exit code (tests call this). */
  public static int execute(String... args) {
    return execute(null, null, args);
  }

  /** As {@link #execute(String...)}, writing to the given streams (null: the console). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    if (out != null) {
      cl.setOut(out);
    }
    if (err != null) {
      cl.setErr(err);
    }
    return run(cl, args);
  }

  /** Runs {@code cl} with this CLI's handlers: every failure, out of memory included, as one {@code unlearn:} line. */
  static int run(CommandLine cl, String... args) {
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler(Main::usage);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {                     // an Error passes picocli's handlers
      cl.getErr().println("unlearn: out of memory (" + e.getMessage() + "): give the JVM more heap, e.g. "
          + "UNLEARN_JAVA_OPTS=-Xmx16g, or lower the batch size or set train.microBatch");
      cl.getErr().flush();
      return 1;
    }
  }

  /** A usage error: one line with the cause and where help is, not the whole usage text. */
  private static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String msg = e.getMessage().lines().findFirst().orElse("");
    err.println("unlearn: " + msg + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return 2;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ConfigException) {
      err.println("unlearn: " + e.getMessage());
      return 2;
    }
    if (e instanceof UnlearnException) {
      err.println("unlearn: " + e.getMessage());
      return 1;
    }
    LoggerFactory.getLogger(Main.class).debug("internal error", e);
    err.println("unlearn: internal error: " + e + " (set UNLEARN_LOG_LEVEL=DEBUG for the stack trace)");
    return 1;
  }

  /** Prints the project and ND4J versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"unlearn4j " + BuildInfo.version() + " (Deeplearning4j " + BuildInfo.dl4jVersion()
          + ", Java " + System.getProperty("java.version") + ")"};
    }
  }
}
