package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.config.ConfigLoader;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeepCUT's stopping rule ends unlearning at the first epoch whose forget macro-F1 reaches the target. */
class StopRuleTest {
  @TempDir Path dir;

  private Summary run(String stop, boolean oracle, String id, int epochs) {
    String yaml = """
        name: stop
        seed: 3
        dataset: {name: synthetic-blobs, args: {perClass: 40, features: 4, separation: 1.5}}
        model: {name: mlp, args: {hidden: 12}}
        method: {name: deepcut, args: {stop: %s, forgetBatch: 4, train: {epochs: %d, learningRate: 0.01}}}
        forget: {fraction: 0.1}
        train: {epochs: 6, batchSize: 16, learningRate: 0.02}
        eval: {oracle: %s}
        output: %s
        """.formatted(stop, epochs, oracle, dir);
    return new ExperimentRunner(List.of()).run(Experiment.resolve(ConfigLoader.parse(yaml, List.of()), "stop"), id)
        .summary();
  }

  @Test
  void stopsAtTheFirstEpochWhoseForgetF1ReachesTheTestF1() {
    Summary s = run("forget-f1-at-test", false, "a", 40);
    double epochs = s.timing().get("unlearn_epochs");
    assertThat(epochs).as("stopped before the cap").isLessThan(40);
    assertThat(s.after().get("forget.macro_f1")).isLessThanOrEqualTo(s.after().get("test.macro_f1"));
    assertThat(s.before().get("forget.macro_f1")).isGreaterThan(s.before().get("test.macro_f1"));
    Summary all = run("epochs", false, "b", 3);
    assertThat(all.timing().get("unlearn_epochs")).isEqualTo(3.0);
  }

  @Test
  void theOracleTargetNeedsAnOracle() {
    assertThatThrownBy(() -> run("forget-f1-at-oracle", false, "c", 2)).isInstanceOf(UnlearnException.class)
        .hasMessageContaining("needs the oracle (eval.oracle: true)");
  }
}
