package dev.unlearn4j.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.catalog.Methods;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.experiment.Experiment;
import dev.unlearn4j.experiment.ExperimentRunner;
import dev.unlearn4j.experiment.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered method, on a tiny perceptron with dropout and generated clusters: all metrics finite, the same
 * summary under the same seed, and, for the methods that act on the forget set, a higher forget-set loss after
 * unlearning than before.
 */
class MethodContractTest {
  @TempDir static Path dir;

  /** Naive fine-tuning only keeps training on the retain set; on clustered data that may lower the forget loss. */
  private static final Set<String> NOT_DIRECTED = Set.of("finetune");

  static Stream<String> methods() {
    return Methods.REGISTRY.names().stream().filter(n -> !Methods.forSequences(n));
  }

  private static Summary run(String method, String runId) {
    String yaml = """
        name: contract
        seed: 3
        dataset: {name: synthetic-blobs, args: {perClass: 40, features: 4, separation: 1.5}}
        model: {name: mlp, args: {hidden: 12, dropout: 0.1}}
        method: {name: %s}
        forget: {fraction: 0.1}
        train: {epochs: 6, batchSize: 16, learningRate: 0.02}
        eval: {oracle: false}
        output: %s
        """.formatted(method, dir);
    // method defaults are for real encoders; a perceptron needs a larger step to move in a few steps
    List<String> sets = switch (method) {
      case "deepcut", "random-labels" -> List.of("method.args.train.learningRate=0.01",
          "method.args.forgetBatch=4");
      case "gradient-ascent", "finetune" -> List.of("method.args.train.learningRate=0.01");
      case "contrastive-unlearning" -> List.of("method.args.train.learningRate=0.05", "method.args.batch=4");
      default -> List.of();
    };
    Experiment e = Experiment.resolve(ConfigLoader.parse(yaml, sets), method);
    return new ExperimentRunner(List.of()).run(e, method + "-" + runId).summary();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void everyMethodIsFiniteDirectedAndDeterministic(String method) {
    Summary a = run(method, "a");
    Summary b = run(method, "b");
    assertThat(a.after().values()).allMatch(Double::isFinite);
    assertThat(a.before()).isEqualTo(b.before());
    assertThat(a.after()).isEqualTo(b.after());
    if (!NOT_DIRECTED.contains(method)) {
      assertThat(a.after().get("forget.ce_loss")).as(method)
          .isGreaterThan(a.before().get("forget.ce_loss"));
    }
  }
}
