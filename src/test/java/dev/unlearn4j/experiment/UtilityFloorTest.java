package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gradient ascent at a large step collapses retain accuracy; a floor above it stops the run with no summary. */
class UtilityFloorTest {
  @TempDir Path dir;

  @Test
  void aCollapseBelowTheFloorStopsTheRun() {
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(dir, "gradient-ascent"));
    CliRun collapsed = CliRun.of("run", f.toString(), "--run-id", "c", "--no-progress",
        "--set", "eval.utilityFloor=0.9", "--set", "method.args.train.learningRate=2.0",
        "--set", "method.args.train.epochs=4");
    assertThat(collapsed.exitCode()).isEqualTo(1);
    assertThat(collapsed.err()).contains("utility collapsed in phase 'unlearn' after epoch",
        "below eval.utilityFloor 0.9000");
    assertThat(dir.resolve("tiny/c/summary.json")).doesNotExist();

    CliRun fine = CliRun.of("run", f.toString(), "--run-id", "ok", "--no-progress", "--set",
        "eval.utilityFloor=0.05");
    assertThat(fine.exitCode()).as(fine.err()).isZero();
  }
}
