package dev.unlearn4j.experiment.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.experiment.ConfigLoader;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import dev.unlearn4j.train.TrainerState;
import dev.unlearn4j.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill and resume of an ICU run on the tiny preset: interrupted at the second step of epoch 2 (the replay must use
 * epoch 1's flags, then those of the check after it) and at the end of epoch 1 before its check; each resumed run
 * ends with the summary, per-passage metrics, refinement log and train log of the uninterrupted run, and leaves no
 * checkpoints behind.
 */
@NeedsDatasetPackages
@Tag("slow")
class SequenceResumeTest {
  @TempDir Path dir;

  /** Throws at a step, or at the end of an epoch before its check, like a process killed there. */
  private record Kill(int atStep, int atEpochEnd) implements TrainingListener {
    @Override
    public void onStep(TrainerState s) {
      if (s.step() == atStep) {
        throw new IllegalStateException("killed at step " + atStep);
      }
    }

    @Override
    public void onEpochEnd(TrainerState s) {
      if (s.epoch() == atEpochEnd) {
        throw new IllegalStateException("killed at the end of epoch " + atEpochEnd);
      }
    }
  }

  @Test
  void resumedRunsEqualTheUninterruptedRun() throws Exception {
    Path cfg = Fixtures.write(dir, "icu-resume.yaml",
        Fixtures.tinyIcuYaml("icu-resume", dir.resolve("runs")) + "checkpointEvery: 1\n");
    SequenceExperiment exp = SequenceExperiment.resolve(ConfigLoader.readTree(cfg), List.of(), cfg.toString());
    SequenceRunner.Result whole = new SequenceRunner(List.of()).run(exp, "whole");
    assertThat(whole.epochs()).as("the kills below fall inside the run").isGreaterThanOrEqualTo(2);
    Path runs = dir.resolve("runs/icu-resume");
    assertThat(runs.resolve("whole/checkpoints")).as("deleted after a finished run").doesNotExist();
    List<String> log = Files.readAllLines(runs.resolve("whole/refinement_log.csv"));
    assertThat(log.get(2).split(",")[1]).as("the check after epoch 1 changed the flags, so a resumed epoch 2 "
        + "must replay with them").isNotEqualTo(log.get(1).split(",")[1]);

    List<String> steps = Files.readAllLines(runs.resolve("whole/train_log.csv")).stream()
        .filter(l -> l.contains(",loss,")).map(l -> l.split(",")[1] + ":" + l.split(",")[2]).toList();
    assertThat(steps).as("step 4 is the second step of epoch 2: a kill there resumes mid-epoch from step 3")
        .startsWith("1:1", "1:2", "2:3", "2:4");

    for (Kill kill : List.of(new Kill(4, -1), new Kill(-1, 1))) {
      String id = "killed-" + kill.atStep() + "-" + kill.atEpochEnd();
      assertThatThrownBy(() -> new SequenceRunner(List.of(kill)).run(exp, id)).hasMessageContaining("killed");
      Path run = runs.resolve(id);
      assertThat(run.resolve("summary.json")).doesNotExist();
      assertThat(run.resolve("checkpoints/checks.json")).exists();

      CliRun resumed = CliRun.of("run", "--resume", run.toString(), "--no-progress");
      assertThat(resumed.exitCode()).as(resumed.err()).isZero();
      assertThat(withoutCost(run.resolve("summary.json"))).as(id)
          .isEqualTo(withoutCost(runs.resolve("whole/summary.json")));
      for (String f : List.of("metrics.csv", "refinement_log.csv", "train_log.csv")) {
        assertThat(Files.readString(run.resolve(f))).as(f)
            .isEqualTo(Files.readString(runs.resolve("whole").resolve(f)));
      }
      assertThat(run.resolve("checkpoints")).doesNotExist();
      assertThat(Mappers.JSON.readTree(run.resolve("inputs.json").toFile()).size()).as("checkpoint files")
          .isGreaterThanOrEqualTo(3);
    }
  }

  private static JsonNode withoutCost(Path summary) throws Exception {
    ObjectNode s = (ObjectNode) Mappers.JSON.readTree(summary.toFile());
    s.remove("timing");
    s.remove("memory");
    return s;
  }
}
