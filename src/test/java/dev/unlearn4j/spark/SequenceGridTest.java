package dev.unlearn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import dev.unlearn4j.testing.NeedsDatasetPackages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unlearn grid} of a sequence experiment: two ICU runs on the tiny preset, side by side in {@code local[2]},
 * give the same before and after values as the same runs made alone with {@code unlearn run}.
 */
@NeedsDatasetPackages
@Tag("slow")
class SequenceGridTest {
  @TempDir Path dir;

  @Test
  void sequenceGridRunsEqualTheSameRunsOneByOne() throws Exception {
    Path grid = Fixtures.write(dir, "icu-grid.yaml", Fixtures.tinyIcuYaml("icu-grid", dir.resolve("grid")));
    CliRun run = CliRun.of("grid", grid.toString(), "--sweep", "method.args.train.learningRate=0.003,0.001",
        "--master", "local[2]");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path single = Fixtures.write(dir, "icu-single.yaml", Fixtures.tinyIcuYaml("icu-grid", dir.resolve("single")));
    for (String lr : List.of("0.003", "0.001")) {
      String cell = "method.args.train.learningRate-" + lr;
      CliRun one = CliRun.of("run", single.toString(), "--set", "method.args.train.learningRate=" + lr,
          "--run-id", cell, "--no-progress");
      assertThat(one.exitCode()).as(one.err()).isZero();
      JsonNode a = Mappers.JSON.readTree(dir.resolve("grid/icu-grid/" + cell + "/summary.json").toFile());
      JsonNode b = Mappers.JSON.readTree(dir.resolve("single/icu-grid/" + cell + "/summary.json").toFile());
      for (String part : List.of("before", "after")) {
        assertThat(a.get(part)).as(cell + " " + part).isEqualTo(b.get(part));
      }
    }
    assertThat(dir.resolve("grid/icu-grid/table.md")).exists();
  }
}
