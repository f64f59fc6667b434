package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume: a run interrupted mid-phase (after the original model, or inside unlearning) and resumed from
 * its checkpoints ends with the same summary and metrics as an uninterrupted run. The model has dropout, so the
 * random stream of the masks must be replayed too.
 */
class ResumeTest {
  @TempDir Path dir;

  private static final String YAML = """
      name: resume
      seed: 4
      dataset: {name: synthetic-blobs, args: {perClass: 40, features: 4}}
      model: {name: mlp, args: {hidden: 8, dropout: 0.2}}
      method: {name: deepcut, args: {forgetBatch: 4, retainBatch: 8, retainPerForget: 2,
        train: {epochs: 3, learningRate: 0.01}}}
      forget: {fraction: 0.1}
      train: {epochs: 4, batchSize: 16, learningRate: 0.02}
      checkpointEvery: 3
      output: %s
      """;

  /** Throws once the given phase reaches the given step, like a process killed there. */
  private record Kill(String phase, int atStep) implements TrainingListener {
    @Override
    public void onStep(TrainerState s) {
      if (s.phase().equals(phase) && s.step() == atStep) {
        throw new IllegalStateException("killed at " + phase + " step " + atStep);
      }
    }
  }

  @Test
  void resumedRunsEqualTheUninterruptedRun() throws Exception {
    Path cfg = dir.resolve("resume.yaml");
    Files.writeString(cfg, YAML.formatted(dir.resolve("runs")));
    Experiment exp = Experiment.resolve(ConfigLoader.load(cfg, List.of()), cfg.toString());
    new ExperimentRunner(List.of()).run(exp, "whole");
    Path whole = dir.resolve("runs/resume/whole");
    assertThat(whole.resolve("checkpoints")).as("deleted after a finished run").doesNotExist();

    for (Kill kill : List.of(new Kill("unlearn", 7), new Kill("oracle", 5))) {
      String id = "killed-" + kill.phase();
      assertThatThrownBy(() -> new ExperimentRunner(List.of(kill)).run(exp, id)).hasMessageContaining("killed");
      Path run = dir.resolve("runs/resume").resolve(id);
      assertThat(run.resolve("summary.json")).doesNotExist();
      assertThat(run.resolve("checkpoints/" + kill.phase() + ".json")).exists();

      CliRun resumed = CliRun.of("run", "--resume", run.toString(), "--no-progress");
      assertThat(resumed.exitCode()).as(resumed.err()).isZero();
      assertThat(withoutCost(run.resolve("summary.json"))).as(id).isEqualTo(withoutCost(whole.resolve("summary.json")));
      assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(whole.resolve("metrics.csv")));
      // every step once, in order, with the uninterrupted run's values: no gap after the checkpoint, no repeat
      assertThat(Files.readString(run.resolve("train_log.csv"))).as(id)
          .isEqualTo(Files.readString(whole.resolve("train_log.csv")));
      assertThat(run.resolve("checkpoints")).doesNotExist();
    }
    CliRun again = CliRun.of("run", "--resume", whole.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("finished already");
  }

  @Test
  void aResumeRefusesInputsThatChangedAfterTheKill() throws Exception {
    Path ids = Files.writeString(dir.resolve("ids.txt"), "blob-0-0000\nblob-1-0003\n");
    Path cfg = dir.resolve("ids.yaml");
    Files.writeString(cfg, YAML.formatted(dir.resolve("runs"))
        .replace("forget: {fraction: 0.1}", "forget: {mode: ids, idsFile: '" + ids + "'}"));
    Experiment exp = Experiment.resolve(ConfigLoader.load(cfg, List.of()), cfg.toString());
    Kill kill = new Kill("original", 4);
    assertThatThrownBy(() -> new ExperimentRunner(List.of(kill)).run(exp, "k")).hasMessageContaining("killed");
    Path run = dir.resolve("runs/resume/k");
    assertThat(Mappers.JSON.readTree(run.resolve("inputs.json").toFile()).path(ids.toString()).asText())
        .hasSize(64);

    Files.writeString(ids, "blob-0-0000\nblob-2-0005\n");
    CliRun changed = CliRun.of("run", "--resume", run.toString(), "--no-progress");
    assertThat(changed.exitCode()).isEqualTo(1);
    assertThat(changed.err().strip()).startsWith("unlearn: cannot resume " + run + ": input " + ids
        + " changed since the run started (SHA-256 ");
    assertThat(run.resolve("summary.json")).doesNotExist();

    Files.writeString(ids, "blob-0-0000\nblob-1-0003\n");                // restored: the resume goes on
    CliRun restored = CliRun.of("run", "--resume", run.toString(), "--no-progress");
    assertThat(restored.exitCode()).as(restored.err()).isZero();
    assertThat(Mappers.JSON.readTree(run.resolve("provenance.json").toFile()).path("inputs").has(ids.toString()))
        .isTrue();
  }

  private static JsonNode withoutCost(Path summary) throws Exception {
    ObjectNode s = (ObjectNode) Mappers.JSON.readTree(summary.toFile());
    s.remove("timing");
    s.remove("memory");
    return s;
  }
}
