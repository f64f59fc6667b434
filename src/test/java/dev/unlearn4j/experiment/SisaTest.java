package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.data.Dataset;
import dev.unlearn4j.data.Example;
import dev.unlearn4j.model.Ensemble;
import dev.unlearn4j.model.Model;
import dev.unlearn4j.train.TrainSpec;
import dev.unlearn4j.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SISA's partition, and its exactness: unlearning from a stage checkpoint equals retraining the shard without them. */
class SisaTest {
  @TempDir Path dir;

  private final Experiment exp = Experiment.resolve(ConfigLoader.parse("""
      name: sisa
      seed: 3
      dataset: {name: synthetic-blobs, args: {perClass: 30, features: 4, separation: 1.5}}
      model: {name: mlp, args: {hidden: 8}}
      method: {name: sisa, args: {shards: 3, slices: 3}}
      train: {epochs: 2, batchSize: 8, learningRate: 0.05}
      output: out
      """, List.of()), "sisa");
  private final Dataset data = exp.dataset().load();
  private final TrainSpec schedule = exp.config().train();

  private SisaTraining training(Path scratch) {
    return new SisaTraining(exp.method(), exp, data, schedule, 3, new Trainer(List.of()), scratch);
  }

  @Test
  void shardsAndSlicesPartitionTheTrainingSplit() {
    List<List<List<Example>>> p = training(dir).partition(data.examples());
    assertThat(p).hasSize(3).allSatisfy(shard -> assertThat(shard).hasSize(3));
    Set<String> seen = new HashSet<>();
    p.forEach(shard -> shard.forEach(slice -> slice.forEach(e -> assertThat(seen.add(e.id())).isTrue())));
    assertThat(seen).hasSize(data.examples().size());
    List<Example> reversed = new java.util.ArrayList<>(data.examples());
    java.util.Collections.reverse(reversed);
    assertThat(training(dir).partition(reversed)).isEqualTo(p);                      // independent of input order
  }

  @Test
  void unlearningFromACheckpointEqualsRetrainingTheShardWithoutTheSamples() throws Exception {
    SisaTraining sisa = training(dir.resolve("ck"));
    List<List<List<Example>>> p = sisa.partition(data.examples());
    String forgotten = p.get(1).get(2).get(0).id();                          // shard 1, last slice: restart at stage 3
    SisaTraining.Outcome o = sisa.run(data.examples(), Set.of(forgotten));
    assertThat(o.shardsRetrained()).isEqualTo(1);
    assertThat(o.after().members().get(0)).isSameAs(o.before().members().get(0));
    assertThat(o.after().members().get(2)).isSameAs(o.before().members().get(2));
    assertThat(Files.exists(dir.resolve("ck"))).as("stage checkpoints deleted").isFalse();

    SisaTraining scratch = training(dir.resolve("ck2"));
    Model retrained = scratch.trainStages(1, scratch.fresh(1), p.get(1), 0, Set.of(forgotten));
    Model unlearned = o.after().members().get(1);
    for (String k : retrained.weights().keySet()) {
      assertThat(unlearned.weights().get(k)).as(k).isEqualTo(retrained.weights().get(k));
    }
    assertThat(unlearned.weights().get("w1")).isNotEqualTo(o.before().members().get(1).weights().get("w1"));
  }

  @Test
  void aSisaRunReportsTheEnsembleAndItsSavedModelEvaluatesAgain() throws Exception {
    Path yaml = dir.resolve("sisa.yaml");
    Files.writeString(yaml, """
        name: sisa
        seed: 3
        dataset: {name: synthetic-blobs, args: {perClass: 30, features: 4, separation: 1.5}}
        model: {name: mlp, args: {hidden: 8}}
        method: {name: sisa, args: {shards: 3, slices: 2}}
        forget: {fraction: 0.05}
        train: {epochs: 2, batchSize: 8, learningRate: 0.05}
        output: %s
        """.formatted(dir));
    dev.unlearn4j.testing.CliRun run = dev.unlearn4j.testing.CliRun.of("run", yaml.toString(), "--run-id", "a",
        "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path runDir = dir.resolve("sisa/a");
    var s = dev.unlearn4j.config.Mappers.JSON.readTree(runDir.resolve("summary.json").toFile());
    assertThat(s.at("/timing/sisa_shards_retrained").asDouble()).isBetween(1.0, 3.0);
    assertThat(s.at("/before/monolithic.test.accuracy").isNumber()).isTrue();
    assertThat(s.at("/before/test.accuracy").asDouble()).isNotNaN();
    assertThat(Files.exists(runDir.resolve("checkpoints"))).isFalse();
    dev.unlearn4j.testing.CliRun eval = dev.unlearn4j.testing.CliRun.of("eval", runDir.toString(), "--out",
        dir.resolve("ev").toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    var ev = dev.unlearn4j.config.Mappers.JSON.readTree(dir.resolve("ev/summary.json").toFile());
    for (String k : List.of("forget.accuracy", "test.macro_f1", "test.ce_loss")) {
      assertThat(ev.at("/after/" + k).asDouble()).as(k).isEqualTo(s.at("/after/" + k).asDouble());
    }
  }

  @Test
  void meanSoftmaxAndVoteCombineMembers() {
    double[][] logits = {{2, 0}, {0, 1}, {0, 3}};
    double[] mean = new Ensemble(List.of(training(dir).fresh(0)), Ensemble.Aggregation.MEAN_SOFTMAX).combine(logits);
    double p0 = (Math.exp(2) / (Math.exp(2) + 1) + 1 / (1 + Math.E) + 1 / (1 + Math.exp(3))) / 3;
    assertThat(Math.exp(mean[0])).isCloseTo(p0, org.assertj.core.api.Assertions.within(1e-12));
    double[] vote = new Ensemble(List.of(training(dir).fresh(0)), Ensemble.Aggregation.VOTE).combine(logits);
    assertThat(Math.exp(vote[1])).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
  }
}
