package dev.unlearn4j.cli;

import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.Experiment;
import dev.unlearn4j.experiment.ExperimentRunner;
import dev.unlearn4j.experiment.RunDirectory;
import dev.unlearn4j.experiment.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code unlearn demo}: the embedded default. Fine-tunes MiniLM on a SpamAssassin subset with 5% of the training
 * emails mislabelled, forgets those emails with DeepCUT and with naive fine-tuning (one shared original model and
 * oracle), prints the before/after table and writes a run directory per method.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Fine-tune MiniLM on SpamAssassin emails, 5%% of them mislabelled, and forget those with DeepCUT "
        + "and naive fine-tuning; prints a before/after table (a few minutes on 2 cores).")
public final class DemoCommand implements Callable<Integer> {
  static final List<String> METHODS = List.of("deepcut", "finetune");

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the demo config")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--output", defaultValue = "results", description = "root of the run directories (${DEFAULT-VALUE})")
  String output;

  @CommandLine.Mixin ProgressOption progress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String base = resource("/demo/base.yaml");
    List<Experiment> exps = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String stamp = RunDirectory.utcStamp();
    for (String m : METHODS) {
      List<String> sets = new ArrayList<>(overrides);
      sets.add("output=" + output);
      exps.add(Experiment.resolve(ConfigLoader.parse(base + resource("/demo/" + m + ".yaml"), sets), "demo"));
      ids.add(stamp + "-" + m);
    }
    var runner = new ExperimentRunner(List.of(progress.listener()));
    List<ExperimentRunner.Result> results = runner.runAll(exps, ids);
    print(spec.commandLine().getOut(), results);
    return 0;
  }

  private static void print(PrintWriter out, List<ExperimentRunner.Result> results) {
    Summary first = results.get(0).summary();
    out.printf("%nForgot the %s of SpamAssassin training emails whose labels were flipped before training (seed %d)."
        + "%n%n", "5%", first.seed());
    out.printf("%-26s %10s %10s", "", "original", "oracle");
    results.forEach(r -> out.printf(" %10s", r.summary().method()));
    out.println();
    row(out, "forget macro-F1", "forget.macro_f1", results);                // against the flipped labels
    row(out, "... under true labels", "forget_true.macro_f1", results);
    row(out, "retain macro-F1", "retain.macro_f1", results);
    row(out, "test macro-F1", "test.macro_f1", results);
    row(out, "forget loss (CE)", "forget.ce_loss", results);
    row(out, "membership AUC", "mia.loss_auc", results);
    out.printf("%-26s %10s %10.1f", "training / unlearning (s)", String.format("%.1f",
        first.timing().get("original_s")), first.timing().getOrDefault("oracle_s", Double.NaN));
    results.forEach(r -> out.printf(" %10.1f", r.summary().timing().get("unlearn_s")));
    out.printf("%n%nThe oracle is retrained without the forgotten emails: the target, not zero.%n");
    results.forEach(r -> out.println("run directory: " + r.runDir()));
    out.flush();
  }

  private static void row(PrintWriter out, String label, String key, List<ExperimentRunner.Result> results) {
    Summary s = results.get(0).summary();
    out.printf("%-26s %10s %10s", label, fmt(s.before(), key), fmt(s.oracle(), key));
    results.forEach(r -> out.printf(" %10s", fmt(r.summary().after(), key)));
    out.println();
  }

  private static String fmt(Map<String, Double> m, String key) {
    Double v = m.get(key);
    return v == null ? "-" : String.format("%.4f", v);
  }

  private static String resource(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
