package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.data.ForgetRequest;
import dev.unlearn4j.data.ForgetRequests;
import dev.unlearn4j.data.ForgetSpec;
import dev.unlearn4j.data.builtin.SyntheticBlobs;
import dev.unlearn4j.eval.EvalSpec;
import dev.unlearn4j.eval.RelearnSpec;
import dev.unlearn4j.loss.CrossEntropy;
import dev.unlearn4j.loss.Objective;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.model.mlp.Mlp;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.train.BatchPlan;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relearning attack on a small MLP whose original memorised 16 mislabelled points: a model equal to the oracle
 * recovers exactly as the oracle does (removed), the original itself has not moved (not forgotten), and gradient
 * ascent on the forget set, which suppresses the wrong labels without retraining, is relearnt faster than the
 * oracle learns them (hidden).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelearnAttackTest {
  private Model original;
  private Model oracle;
  private ForgetRequest request;
  private final EvalSpec eval = new EvalSpec(List.of("macro_f1"), true, EvalSpec.LabelSet.OBSERVED, 64, 0.0,
      new RelearnSpec(4, 0.005, 8, null));

  private static Model trained(Dataset d, ForgetRequest r, boolean withForget) {
    Model m = Mlp.factory(new Mlp.Args(64, 0.0)).create(d, 5);
    var examples = new java.util.ArrayList<>(r.retain().examples());
    if (withForget) {
      examples.addAll(r.forget().examples());
    }
    new Trainer(List.of()).fit("fit", m, Objective.of(new Objective.Term("ce", 1.0, CrossEntropy.onRetain())),
        BatchPlan.retainOnly(16), TrainSpec.defaults().with(150, 16, 0.01), List.of(), examples, 3);
    return m;
  }

  @BeforeAll
  void trainOriginalAndOracle() {
    Dataset d = new SyntheticBlobs(new SyntheticBlobs.Args(2, 16, 80, 3.0, 1.0, 7)).load();
    request = ForgetRequests.draw(d, new ForgetSpec(ForgetSpec.Mode.MISLABELLED, 0.125, null, null, null, 0.2, 0),
        9);
    original = trained(d, request, true);
    oracle = trained(d, request, false);
  }

  @Test
  void recoveryIsTheShareOfTheWayBackToTheOriginal() {
    assertThat(RelearnAttack.recovery(0.9, 0.1, 0.5)).isCloseTo(0.5, within(1e-12));
    assertThat(RelearnAttack.recovery(0.9, 0.1, 0.1)).isZero();
    assertThat(RelearnAttack.recovery(0.5, 0.5, 0.9)).isNaN();
  }

  @Test
  void aModelEqualToTheOracleIsRemovedAndTheOriginalNotForgotten() {
    Map<String, Double> asOracle = RelearnAttack.run(original, oracle.copy(), oracle, request.forget(),
        request.retain(), eval, 1);
    assertThat(asOracle.get("relearn.original.macro_f1") - asOracle.get("relearn.oracle_before.macro_f1"))
        .as("the original memorised the held-out half's wrong labels; the oracle did not").isGreaterThan(0.3);
    assertThat(asOracle.get("relearn.recovery")).isEqualTo(asOracle.get("relearn.oracle_recovery"));
    assertThat(asOracle.get("relearn.hidden")).isZero();
    assertThat(Verification.relearnVerdict(asOracle, "macro_f1")).startsWith("removed");

    Map<String, Double> unchanged = RelearnAttack.run(original, original.copy(), oracle, request.forget(),
        request.retain(), eval, 1);
    assertThat(unchanged.get("relearn.recovery")).isNaN();
    assertThat(Verification.relearnVerdict(unchanged, "macro_f1")).startsWith("not forgotten");
  }

  @Test
  void gradientAscentOnlyHidesWhatTheOriginalMemorised() {
    Model ascended = original.copy();
    new Trainer(List.of()).fit("ga", ascended, Objective.of(new Objective.Term("ga", 1.0,
        CrossEntropy.negatedOnForget())), BatchPlan.forgetOnly(8), TrainSpec.defaults().with(3, 8, 0.01),
        request.forget().examples(), List.of(), 4);
    Map<String, Double> r = RelearnAttack.run(original, ascended, oracle, request.forget(), request.retain(), eval, 1);
    assertThat(r.get("relearn.oracle_recovery")).as("a weak attack: the oracle does not learn the wrong labels")
        .isLessThan(0.1);
    assertThat(r.get("relearn.recovery")).isGreaterThan(r.get("relearn.oracle_recovery") + 0.25);
    assertThat(Verification.relearnVerdict(r, "macro_f1")).startsWith("hidden");
  }

  @Test
  void relatedDataIsTheNearestRetainExamplesAndNoForgetExample() {
    List<Example> retain = request.retain().examples();
    List<Example> some = retain.subList(0, 10);
    assertThat(NearestRetain.of(original, some, retain, 4)).as("each retain example is its own nearest")
        .containsExactlyElementsOf(some);
    List<Example> related = NearestRetain.of(original, request.forget().examples(), retain, 64);
    assertThat(related).isNotEmpty().allMatch(retain::contains).doesNotContainAnyElementsOf(request.forget()
        .examples()).doesNotHaveDuplicates();
    EvalSpec relatedEval = new EvalSpec(List.of("macro_f1"), true, EvalSpec.LabelSet.OBSERVED, 64, 0.0,
        new RelearnSpec(4, 0.005, 8, "related"));
    Map<String, Double> r = RelearnAttack.run(original, oracle.copy(), oracle, request.forget(), request.retain(),
        relatedEval, 1);
    assertThat(r.get("relearn.recovery")).as("the same data and start: the oracle's recovery")
        .isEqualTo(r.get("relearn.oracle_recovery"));
  }

  @Test
  void aRunWithEvalRelearnReportsTheKeysAndTheVerification(@TempDir Path dir) throws Exception {
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(dir, "finetune"));
    CliRun r = CliRun.of("run", f.toString(), "--run-id", "r", "--no-progress", "--set", "eval.relearn.steps=3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode after = Mappers.JSON.readTree(dir.resolve("tiny/r/summary.json").toFile()).path("after");
    for (String k : List.of("relearn.original.macro_f1", "relearn.before.macro_f1", "relearn.after.macro_f1",
        "relearn.oracle_before.macro_f1", "relearn.oracle_after.macro_f1", "relearn.recovery")) {
      assertThat(after.has(k)).as(k).isTrue();
    }
    assertThat(Files.readString(dir.resolve("tiny/r/report.md"))).contains("## Verification",
        "| relearning attack: share of the way back to the original | ", "| KS test, forget-set losses");
    CliRun bad = CliRun.of("run", f.toString(), "--run-id", "b", "--set", "eval.relearn.steps=-1");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("key 'eval.relearn.steps' must be >= 0, got -1");
  }
}
