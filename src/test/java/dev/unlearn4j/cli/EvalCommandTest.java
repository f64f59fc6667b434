package dev.unlearn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.model.io.Safetensors;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code unlearn eval} reproduces a run's after-metrics from its saved model, and rejects a tampered one. */
class EvalCommandTest {
  @TempDir Path dir;

  @Test
  void savedModelReproducesTheRunsMetricsAndBadModelsFail() throws Exception {
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(dir, "gradient-ascent"));
    CliRun run = CliRun.of("run", f.toString(), "--run-id", "a", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path runDir = dir.resolve("tiny/a");

    CliRun eval = CliRun.of("eval", runDir.toString(), "--metrics", "accuracy,macro_f1,ce_loss", "--out",
        dir.resolve("ev").toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode ran = Mappers.JSON.readTree(runDir.resolve("summary.json").toFile()).get("after");
    JsonNode evaluated = Mappers.JSON.readTree(dir.resolve("ev/summary.json").toFile()).get("after");
    for (String k : new String[] {"forget.accuracy", "retain.macro_f1", "test.accuracy", "test.ce_loss"}) {
      assertThat(evaluated.get(k).asDouble()).as(k).isCloseTo(ran.get(k).asDouble(), within(1e-12));
    }
    assertThat(dir.resolve("ev/metrics.csv")).isNotEmptyFile();
    // its provenance names the model it evaluated: the run's unlearned model
    assertThat(Mappers.JSON.readTree(dir.resolve("ev/provenance.json").toFile()).at("/inputs/evaluated-model")
        .asText()).isEqualTo(Mappers.JSON.readTree(runDir.resolve("provenance.json").toFile())
        .at("/inputs/unlearned-model").asText()).hasSize(64);
    // the saved model as a bare checkpoint: the config redraws the same splits, so the same values
    CliRun bare = CliRun.of("eval", runDir.resolve("model").toString(), "--experiment", f.toString(), "--metrics",
        "accuracy,macro_f1,ce_loss", "--out", dir.resolve("ev-bare").toString());
    assertThat(bare.exitCode()).as(bare.err()).isZero();
    JsonNode fromCheckpoint = Mappers.JSON.readTree(dir.resolve("ev-bare/summary.json").toFile()).get("after");
    for (String k : new String[] {"forget.accuracy", "retain.macro_f1", "test.accuracy", "test.ce_loss"}) {
      assertThat(fromCheckpoint.get(k).asDouble()).as(k).isCloseTo(ran.get(k).asDouble(), within(1e-12));
    }
    CliRun noConfig = CliRun.of("eval", runDir.resolve("model").toString());
    assertThat(noConfig.exitCode()).isEqualTo(1);
    assertThat(noConfig.err()).contains("not a run directory (no config.yaml)", "--experiment FILE");
    assertThat(CliRun.of("eval", runDir.toString(), "--out", dir.resolve("ev").toString()).exitCode())
        .as("never into an existing directory").isEqualTo(1);

    // a checkpoint with a tensor missing
    Map<String, INDArray> w = new LinkedHashMap<>(Safetensors.read(runDir.resolve("model/model.safetensors")));
    String dropped = w.keySet().iterator().next();
    w.remove(dropped);
    Files.createDirectories(dir.resolve("bad"));
    Safetensors.write(dir.resolve("bad/model.safetensors"), w, null);
    CliRun bad = CliRun.of("eval", runDir.toString(), "--model", dir.resolve("bad").toString(), "--out",
        dir.resolve("ev2").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("missing tensor '" + dropped + "'");
    assertThat(dir.resolve("ev2/summary.json")).doesNotExist();
    // a label mismatch: an output layer for one class more than the run's data has
    Map<String, INDArray> three = new LinkedHashMap<>(Safetensors.read(runDir.resolve("model/model.safetensors")));
    String head = three.entrySet().stream().filter(e -> e.getValue().rank() == 2).map(Map.Entry::getKey)
        .reduce((a, b) -> b).orElseThrow();                                          // the last matrix: the head
    long classes = three.get(head).size(1);
    three.put(head, org.nd4j.linalg.factory.Nd4j.zeros(three.get(head).dataType(), three.get(head).size(0),
        classes + 1));
    Files.createDirectories(dir.resolve("three"));
    Safetensors.write(dir.resolve("three/model.safetensors"), three, null);
    CliRun mismatch = CliRun.of("eval", runDir.toString(), "--model", dir.resolve("three").toString(), "--out",
        dir.resolve("ev4").toString());
    assertThat(mismatch.exitCode()).isEqualTo(1);
    assertThat(mismatch.err()).contains("tensor '" + head + "' has shape [", ", " + (classes + 1) + "], the model "
        + "needs [");
    assertThat(dir.resolve("ev4/summary.json")).doesNotExist();
    CliRun metric = CliRun.of("eval", runDir.toString(), "--metrics", "bleu4", "--out", dir.resolve("ev3").toString());
    assertThat(metric.exitCode()).isEqualTo(2);
    assertThat(metric.err()).contains("unknown metric 'bleu4'");
  }
}
