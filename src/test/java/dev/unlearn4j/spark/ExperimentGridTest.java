package dev.unlearn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unlearn grid} in {@code local[2]}: four cells of a tiny experiment run two at a time give the same
 * summaries as the same runs made one by one with {@code unlearn run}; a second grid skips them; a bad sweep value
 * fails before anything runs.
 */
class ExperimentGridTest {
  @TempDir Path dir;

  @Test
  void gridRunsEqualTheSameRunsOneByOne() throws Exception {
    Path grid = Fixtures.write(dir, "grid.yaml", Fixtures.tinyExperimentYaml(dir.resolve("grid"), "finetune"));
    CliRun run = CliRun.of("grid", grid.toString(), "--sweep", "seed=3,4", "--sweep", "forget.fraction=0.1,0.2",
        "--master", "local[2]");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> cells = List.of("seed-3_forget.fraction-0.1", "seed-3_forget.fraction-0.2",
        "seed-4_forget.fraction-0.1", "seed-4_forget.fraction-0.2");
    assertThat(dir.resolve("grid/tiny/table.md")).exists();

    Path single = Fixtures.write(dir, "single.yaml", Fixtures.tinyExperimentYaml(dir.resolve("single"),
        "finetune"));
    for (String cell : cells) {
      String[] kv = cell.split("_");
      CliRun one = CliRun.of("run", single.toString(), "--set", kv[0].replaceFirst("-", "="), "--set",
          kv[1].replaceFirst("-", "="), "--run-id", cell, "--no-progress");
      assertThat(one.exitCode()).as(one.err()).isZero();
      JsonNode a = Mappers.JSON.readTree(dir.resolve("grid/tiny/" + cell + "/summary.json").toFile());
      JsonNode b = Mappers.JSON.readTree(dir.resolve("single/tiny/" + cell + "/summary.json").toFile());
      for (String part : List.of("before", "after", "oracle", "seed")) {
        assertThat(a.get(part)).as(cell + " " + part).isEqualTo(b.get(part));
      }
    }

    CliRun again = CliRun.of("grid", grid.toString(), "--sweep", "seed=3,4", "--sweep", "forget.fraction=0.1,0.2",
        "--master", "local[2]");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("skipped").doesNotContainPattern("(?m)^ran ");

    CliRun bad = CliRun.of("grid", grid.toString(), "--sweep", "forget.fraction=0.1,2.5", "--master", "local[2]");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("forget.fraction");
    assertThat(Files.exists(dir.resolve("grid/tiny/forget.fraction-0.1"))).as("nothing ran").isFalse();
  }

  @Test
  void methodsShareACellsOriginalAsRunMethodsDoes() throws Exception {
    Path grid = Fixtures.write(dir, "grid.yaml", Fixtures.tinyExperimentYaml(dir.resolve("grid"), "finetune"));
    CliRun run = CliRun.of("grid", grid.toString(), "--methods", "finetune,gradient-ascent", "--sweep", "seed=3,4",
        "--run-id", "s{seed}", "--master", "local[2]");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path single = Fixtures.write(dir, "single.yaml", Fixtures.tinyExperimentYaml(dir.resolve("single"),
        "finetune"));
    for (String seed : List.of("3", "4")) {
      CliRun one = CliRun.of("run", single.toString(), "--methods", "finetune,gradient-ascent", "--set",
          "seed=" + seed, "--run-id", "s" + seed, "--no-progress");
      assertThat(one.exitCode()).as(one.err()).isZero();
      for (String m : List.of("finetune", "gradient-ascent")) {
        String cell = "s" + seed + "-" + m;
        JsonNode a = Mappers.JSON.readTree(dir.resolve("grid/tiny/" + cell + "/summary.json").toFile());
        JsonNode b = Mappers.JSON.readTree(dir.resolve("single/tiny/" + cell + "/summary.json").toFile());
        for (String part : List.of("before", "after", "oracle", "method")) {
          assertThat(a.get(part)).as(cell + " " + part).isEqualTo(b.get(part));
        }
      }
    }
    CliRun again = CliRun.of("grid", grid.toString(), "--methods", "finetune,gradient-ascent", "--sweep",
        "seed=3,4", "--run-id", "s{seed}", "--master", "local[2]");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("skipped").doesNotContainPattern("(?m)^ran ");
    CliRun unnamed = CliRun.of("grid", grid.toString(), "--sweep", "seed=3,4", "--run-id", "s{sede}");
    assertThat(unnamed.exitCode()).isEqualTo(2);
    assertThat(unnamed.err()).contains("--run-id 's{sede}': a {KEY} that is not swept");
  }
}
