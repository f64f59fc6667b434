package dev.unlearn4j.cli;

import dev.unlearn4j.catalog.Datasets;
import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.catalog.Metrics;
import dev.unlearn4j.catalog.Models;
import dev.unlearn4j.catalog.Reference;
import dev.unlearn4j.config.Registry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code unlearn list}: every registered method, metric, dataset and model. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the registered methods, metrics, datasets and models.")
public final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--markdown", description = "print the configuration reference of every method, "
      + "model and dataset with each argument's default, as docs/components.md holds it")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(Reference.markdown());
      out.flush();
      return 0;
    }
    section(out, "methods", Methods.REGISTRY);
    for (Metrics.Family f : Metrics.Family.values()) {
      out.println("metrics of " + f.title);
      Metrics.entries().stream().filter(e -> e.family() == f)
          .forEach(e -> out.printf("  %-27s %s%n", e.name(), e.summary()));
      out.println();
    }
    section(out, "datasets", Datasets.REGISTRY);
    section(out, "models", Models.REGISTRY);
    out.flush();
    return 0;
  }

  private static void section(PrintWriter out, String title, Registry<?> registry) {
    out.println(title);
    for (Registry.Entry<?, ?> e : registry.entries()) {
      out.printf("  %-18s %s%n", e.name(), e.summary());
    }
    out.println();
  }
}
