package dev.unlearn4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unlearn4j.config.Mappers;
import dev.unlearn4j.testing.CliRun;
import dev.unlearn4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification runs merged into a table: known means and spreads, and the table of a real multi-method run. */
class ClassificationTableTest {
  @TempDir Path dir;

  private void summary(String run, String method, long seed, Map<String, Double> before, double forgetF1,
      double unlearnS) throws Exception {
    Summary s = new Summary("exp", method, "mlp", "blobs", seed, before,
        Map.of("forget.macro_f1", forgetF1, "test.macro_f1", 0.8), Map.of("forget.macro_f1", 0.5 + seed / 10.0),
        Map.of("unlearn_s", unlearnS), Map.of());
    Files.createDirectories(dir.resolve("exp").resolve(run));
    Path runDir = dir.resolve("exp").resolve(run);
    Mappers.JSON.writeValue(runDir.resolve("summary.json").toFile(), s);
    Files.writeString(runDir.resolve("config.yaml"), "forget: {mode: mislabelled}\n");
    Files.createDirectories(runDir.resolve("splits"));
    Files.writeString(runDir.resolve("splits/forget.txt"), "a\n");
    Files.writeString(runDir.resolve("splits/retain.txt"), "b\nc\nd\n");
  }

  @Test
  void meanAndSampleStdPerMethodAndOneOriginalPerSeed() throws Exception {
    Map<String, Double> seed1 = Map.of("forget.macro_f1", 1.0, "test.macro_f1", 0.9);
    summary("s1-deepcut", "deepcut", 1, seed1, 0.6, 10);
    summary("s2-deepcut", "deepcut", 2, Map.of("forget.macro_f1", 0.8, "test.macro_f1", 0.9), 0.8, 20);
    summary("s1-finetune", "finetune", 1, seed1, 0.9, 5);
    // SISA's before is its ensemble; the shared original is recorded as monolithic.*
    summary("s1-sisa", "sisa", 1, Map.of("forget.macro_f1", 0.4, "monolithic.forget.macro_f1", 1.0), 0.4, 30);
    String md = ClassificationTable.write(dir);
    assertThat(md).contains("## exp (blobs)", "| deepcut | 2 | 0.700 ± 0.141 |", "| finetune | 1 | 0.900 |",
        "| original (before) | 2 | 0.900 ± 0.141 |", "| oracle (retrain) | 2 | 0.650 ± 0.071 |",
        "| sisa ensemble (before) | 1 | 0.400 |", "| sisa | 1 | 0.400 |", "15.00 ± 7.07");
    assertThat(dir.resolve("exp-forget-vs-test.png")).isNotEmptyFile();
    JsonNode g = Mappers.JSON.readTree(dir.resolve("table.json").toFile()).path("groups").get(0);
    assertThat(g.path("name").asText()).isEqualTo("exp");
    assertThat(g.path("dataset").asText()).isEqualTo("blobs");
    assertThat(g.path("scenario").asText()).isEqualTo("mislabelled");
    assertThat(g.path("forget_fraction").asDouble()).isEqualTo(0.25);
    assertThat(g.path("rows")).extracting(r -> r.path("method").asText()).containsExactly("original", "oracle",
        "sisa-ensemble", "deepcut", "finetune", "sisa");
    JsonNode deepcut = g.path("rows").get(3);
    assertThat(deepcut.path("runs").asInt()).isEqualTo(2);
    assertThat(deepcut.at("/metrics/forget.macro_f1/mean").asDouble()).isCloseTo(0.7, within(1e-12));
    assertThat(deepcut.at("/metrics/forget.macro_f1/std").asDouble()).isCloseTo(Math.sqrt(0.02), within(1e-12));
    assertThat(deepcut.at("/metrics/timing.unlearn_s/mean").asDouble()).isEqualTo(15.0);
    assertThat(g.path("rows").get(0).at("/metrics/forget.macro_f1/mean").asDouble()).isCloseTo(0.9, within(1e-12));
    assertThat(g.path("rows").get(4).at("/metrics/forget.macro_f1/std").isNull()).as("one run: no std").isTrue();
  }

  @Test
  void scenarioColumnsAppearWhereTheRunsHaveThem() throws Exception {
    Summary s = new Summary("mis", "deepcut", "mlp", "blobs", 1, Map.of("forget.macro_f1", 0.9),
        Map.of("forget.macro_f1", 0.2, "forget_true.macro_f1", 0.75, "utility.lost", 1.0), Map.of(),
        Map.of("unlearn_s", 3.0, "stopped_by_rule", 1.0), Map.of());
    Files.createDirectories(dir.resolve("mis/s1-deepcut"));
    Mappers.JSON.writeValue(dir.resolve("mis/s1-deepcut/summary.json").toFile(), s);
    String md = ClassificationTable.write(dir);
    assertThat(md).contains("| method | runs | forget F1 | retain F1 | test F1 | forget F1 (true labels) | MIA AUC |")
        .contains("| deepcut | 1 | 0.200 | – | – | 0.750 | – |", "| 1/1 | 1/1 |")
        .doesNotContain("forgotten-class recall");
  }

  @Test
  void methodsShareOneOriginalAndTheTableMergesThem() {
    Path f = Fixtures.write(dir, "tiny.yaml", Fixtures.tinyExperimentYaml(dir.resolve("out"), "gradient-ascent"));
    CliRun run = CliRun.of("run", f.toString(), "--methods", "gradient-ascent,finetune", "--run-id", "s11",
        "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("out/tiny/s11-gradient-ascent/summary.json")).isNotEmptyFile();
    assertThat(dir.resolve("out/tiny/s11-finetune/summary.json")).isNotEmptyFile();
    CliRun table = CliRun.of("table", dir.resolve("out").toString());
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("| gradient-ascent | 1 |", "| finetune | 1 |", "| original (before) | 1 |");
    assertThat(CliRun.of("table", dir.resolve("missing").toString()).err()).contains("no such directory");
  }

  @Test
  void relearningColumnsAppearWhereRunsHaveThem() throws Exception {
    for (long seed : new long[] {1, 2}) {
      Summary s = new Summary("exp", "deepcut", "mlp", "blobs", seed, Map.of("forget.macro_f1", 1.0),
          Map.of("forget.macro_f1", 0.1, "relearn.recovery", 0.2 * seed, "relearn.oracle_recovery", 0.1),
          Map.of("forget.macro_f1", 0.0), Map.of("unlearn_s", 1.0), Map.of());
      Path runDir = Files.createDirectories(dir.resolve("exp").resolve("s" + seed + "-deepcut"));
      Mappers.JSON.writeValue(runDir.resolve("summary.json").toFile(), s);
    }
    String md = ClassificationTable.write(dir);
    assertThat(md).contains("| relearn recovery | oracle's relearn recovery |",
        "| deepcut | 2 | 0.100 ± 0.000 | – | – | 0.300 ± 0.141 | 0.100 ± 0.000 |");
  }
}
