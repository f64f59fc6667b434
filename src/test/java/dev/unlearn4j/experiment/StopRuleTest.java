package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unlearn4j.config.ConfigException;
import dev.unlearn4j.util.UnlearnException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping rules end unlearning at the first check whose forget macro-F1 reaches the target: DeepCUT's own, after
 * every epoch, and the experiment's, shared by every method and checked every few steps.
 */
class StopRuleTest {
  @TempDir Path dir;

  private Summary run(String stop, boolean oracle, String id, int epochs) {
    return run(stop, oracle, id, epochs, "");
  }

  private Summary run(String stop, boolean oracle, String id, int epochs, String extra) {
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
        %s
        """.formatted(stop, epochs, oracle, dir, extra);
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
  void theExperimentsRuleStopsEveryMethodAtTheSameCheckSteps() {
    String yaml = """
        name: shared
        seed: 3
        dataset: {name: synthetic-blobs, args: {perClass: 40, features: 4, separation: 1.5}}
        model: {name: mlp, args: {hidden: 12}}
        method: {name: gradient-ascent, args: {train: {epochs: 40, batchSize: 4, learningRate: 0.01}}}
        forget: {mode: mislabelled, fraction: 0.1}
        train: {epochs: 30, batchSize: 8, learningRate: 0.05}
        stop: {rule: forget-f1-at-oracle, every: 3}
        output: %s
        """.formatted(dir);
    Summary s = new ExperimentRunner(List.of()).run(Experiment.resolve(ConfigLoader.parse(yaml, List.of()),
        "shared"), "g").summary();
    assertThat(s.before().get("forget.macro_f1")).as("the original learnt the wrong labels")
        .isGreaterThan(s.oracle().get("forget.macro_f1"));
    assertThat(s.timing().get("stopped_by_rule")).isEqualTo(1.0);
    assertThat(s.timing().get("unlearn_steps") % 3).as("checked every 3 steps").isZero();
    assertThat(s.timing().get("unlearn_steps")).isLessThan(40.0 * 3);
    assertThat(s.after().get("forget.macro_f1")).isLessThanOrEqualTo(s.oracle().get("forget.macro_f1"));
    assertThat(s.after()).containsKeys("forget_true.macro_f1", "utility.test_macro_f1_drop", "utility.lost");
    assertThat(s.oracle()).containsKey("forget_true.macro_f1");
    assertThatThrownBy(() -> run("forget-f1-at-test", true, "d", 2, "stop: {rule: forget-f1-at-oracle}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("disagree");
  }

  @Test
  void theOracleTargetNeedsAnOracle() {
    assertThatThrownBy(() -> run("forget-f1-at-oracle", false, "c", 2)).isInstanceOf(UnlearnException.class)
        .hasMessageContaining("needs the oracle (eval.oracle: true)");
  }
}
